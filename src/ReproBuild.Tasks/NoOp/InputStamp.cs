using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// What a step saw the last time it ran: a key over everything it was given (items with all their metadata, settings)
/// and the size and last-write time of every file it read or wrote, with what it answered (<see cref="Payload"/>, for
/// a step that returns items). While the key is the same and every file is as it was, the step would do and answer the
/// same again, so it is skipped: one small file read and a stat per file, no document parsed. The same trust the stat
/// cache places in a file's size and time, and nothing more. Lines are tab-separated; a stamp this version did not
/// write, or that cannot be read, holds nothing.
/// </summary>
internal sealed class InputStamp(string key, IReadOnlyList<(string Path, string? Stamp)> files, IReadOnlyList<string>? payload = null)
{
    private const string Header = "reprobuild-stamp 1";

    public string Key { get; } = key;

    public IReadOnlyList<(string Path, string? Stamp)> Files { get; } = files;

    public IReadOnlyList<string> Payload { get; } = payload ?? [];

    /// <summary>A stamp over <paramref name="paths"/> as they are now (duplicates once, empty paths not at all).</summary>
    public static InputStamp Of(string key, IEnumerable<string> paths, IReadOnlyList<string>? payload = null) =>
        new(key, [.. paths.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(p => (p, StampOf(p)))], payload);

    /// <summary>The key over settings and items; metadata in ordinal order, so it is stable.</summary>
    public static string KeyOf(IEnumerable<string> settings, params IEnumerable<ITaskItem>[] itemLists)
    {
        var text = new StringBuilder();
        foreach (var setting in settings)
        {
            text.Append(setting).Append('\0');
        }
        foreach (var items in itemLists)
        {
            text.Append('\u0001');
            foreach (var item in items)
            {
                text.Append(item.ItemSpec).Append('\0');
                var metadata = item.CloneCustomMetadata();
                // An empty value is no value: MSBuild items treat them alike, and so does every step.
                foreach (var name in metadata.Keys.Cast<string>().Where(n => metadata[n] is string { Length: > 0 }).OrderBy(n => n, StringComparer.Ordinal))
                {
                    text.Append(name).Append('=').Append(metadata[name]).Append('\0');
                }
                text.Append('\u0002');
            }
        }
        return Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A file's (or folder's) size and last-write time as text; null when there is none.</summary>
    public static string? StampOf(string path)
    {
        if (FileStamp.Of(path) is { } file)
        {
            return file.Text;
        }
        var folder = new DirectoryInfo(path);
        return folder.Exists ? string.Create(CultureInfo.InvariantCulture, $"d:{folder.LastWriteTimeUtc.Ticks}") : null;
    }

    /// <summary>A folder and everything in it, in ordinal order: a file added, removed or rewritten there changes a stamp.</summary>
    public static IEnumerable<string> FolderAndContents(string folder) =>
        Directory.Exists(folder)
            ? [folder, .. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [folder];

    /// <summary>Whether <paramref name="key"/> is this stamp's and every file is as it was.</summary>
    public bool Holds(string key) => Key == key && Files.All(f => StampOf(f.Path) == f.Stamp);

    /// <summary>The stamp at <paramref name="path"/>; null when there is none or it is not one this version wrote.</summary>
    public static InputStamp? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (lines.Length < 3 || lines[0] != Header || !int.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out var fileCount) || lines.Length < 3 + fileCount)
        {
            return null;
        }
        var files = new List<(string, string?)>(fileCount);
        foreach (var line in lines.AsSpan(3, fileCount))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0)
            {
                return null;
            }
            files.Add((line[(tab + 1)..], line[..tab] is { Length: > 0 } stamp ? stamp : null));
        }
        return new InputStamp(lines[1], files, lines[(3 + fileCount)..]);
    }

    /// <summary>Reads the stamp at <paramref name="path"/> and answers whether it holds for <paramref name="key"/>.</summary>
    public static bool Holds(string path, string key, out InputStamp? stamp)
    {
        stamp = Read(path);
        return stamp?.Holds(key) == true;
    }

    public void Write(string path)
    {
        var text = new StringBuilder(Header).Append('\n').Append(Key).Append('\n').Append(Files.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (file, stamp) in Files)
        {
            text.Append(stamp).Append('\t').Append(file).Append('\n');
        }
        foreach (var line in Payload)
        {
            text.Append(line).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
