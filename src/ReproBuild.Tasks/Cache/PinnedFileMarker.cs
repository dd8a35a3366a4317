using System.Globalization;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// What the last check of a pinned dataset found, under obj/: one line "size, last-write ticks, SHA-256". While the
/// file's size and time are those, its SHA-256 is known without reading it, so a pinned file costs one stat per build.
/// </summary>
internal sealed class PinnedFileMarker(string markerFile)
{
    /// <summary>The file's SHA-256 (null when missing), read only when its size or time differ from the last check.</summary>
    public string? CurrentSha256(string path)
    {
        if (FileStamp.Of(path) is not { } file)
        {
            return null;
        }
        var stamp = Stamp(file);
        if (File.Exists(markerFile) && File.ReadAllText(markerFile) is { } recorded && recorded.StartsWith(stamp, StringComparison.Ordinal))
        {
            return recorded[stamp.Length..].Trim();
        }
        var sha256 = Sha256Digest.OfFile(path);
        AtomicFile.WriteAllText(markerFile, stamp + sha256 + "\n");
        return sha256;
    }

    /// <summary>Records that the file, as it is now, holds <paramref name="sha256"/>.</summary>
    public void Write(string path, string sha256)
    {
        AtomicFile.WriteAllText(markerFile, Stamp(FileStamp.Of(path)!.Value) + sha256 + "\n");
    }

    private static string Stamp(FileStamp file) => string.Create(CultureInfo.InvariantCulture, $"{file.Size}\t{file.Ticks}\t");
}
