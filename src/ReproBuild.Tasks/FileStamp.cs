namespace ReproBuild.Tasks;

/// <summary>
/// A file's size and last-write time, as change detection compares them. A dataset may be a symbolic link (into a
/// shared data folder, a mounted volume); the link's own size and time do not change when its target does, so links
/// are followed to the file they finally name — as reading the content does.
/// </summary>
internal readonly record struct FileStamp(long Size, long Ticks)
{
    /// <summary>The stamp as stamp files record it: <c>size:ticks</c>.</summary>
    public string Text => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Size}:{Ticks}");

    /// <summary>The stamp of the file, or of the file a link leads to; null when there is no such file.</summary>
    public static FileStamp? Of(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        return info is FileInfo { Exists: true } file ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : null;
    }
}
