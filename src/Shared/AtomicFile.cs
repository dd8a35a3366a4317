using System.Text;

namespace ReproBuild;

/// <summary>
/// Writes files so that a reader sees either the old content or the new one, never a torn file:
/// a temporary file beside the target, then a rename over it.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
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
