using System.Text;

namespace ReproBuild;

/// <summary>
/// Writes files so that a reader sees either the old content or the new one, never a torn file:
/// a temporary file beside the target, then a rename over it. A writer killed in between leaves its temporary file;
/// the next write of the same file removes it once it is clearly abandoned.
/// </summary>
internal static class AtomicFile
{
    /// <summary>A temporary file untouched for this long belongs to a writer that was killed before its rename.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <param name="temporaryDirectory">Where the temporary file goes, on the same volume; by default beside the file.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, string? temporaryDirectory = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var name = Path.GetFileName(path);
        if (temporaryDirectory is not null)
        {
            Directory.CreateDirectory(temporaryDirectory);
        }
        else
        {
            RemoveAbandoned(directory, $".{name}.*.tmp");
        }
        var temporary = Path.Combine(temporaryDirectory ?? directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void WriteAllText(string path, string content) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));

    /// <summary>Writes only when the content differs, so that timestamps (and MSBuild's incrementality) stay put.</summary>
    /// <returns>Whether the file was (or, when <paramref name="dryRun"/> is set, would be) written.</returns>
    public static bool WriteAllTextIfChanged(string path, string content, bool dryRun = false)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }
        if (!dryRun)
        {
            WriteAllText(path, content);
        }
        return true;
    }

    /// <summary>Removes the temporary files matching <paramref name="pattern"/> that killed writers left in <paramref name="directory"/>.</summary>
    public static void RemoveAbandoned(string directory, string pattern)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(directory, pattern))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > AbandonedAfter)
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
