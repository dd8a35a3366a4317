namespace ReproBuild.Tasks.Cache;

/// <summary>
/// A cache on disk in the layout of bazel-remote's HTTP cache: <c>cas/&lt;sha256&gt;</c> holds content under its own
/// digest, <c>ac/&lt;fingerprint&gt;</c> the record of what a model's inputs produced. The local cache and a remote
/// on a network share are both one of these; the same folder served over HTTP is an HTTP remote.
/// Every write is a temporary file renamed into place, so concurrent builds see whole entries or none.
/// </summary>
internal sealed class CacheFolder(string root)
{
    public const string ContentKind = "cas";
    public const string ActionKind = "ac";

    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(string kind, string key) => Path.Combine(Root, kind, key);

    public bool Contains(string kind, string key) => File.Exists(PathOf(kind, key));

    /// <summary>The entry's bytes, or null when there is none.</summary>
    public byte[]? Read(string kind, string key)
    {
        try
        {
            return File.ReadAllBytes(PathOf(kind, key));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Content whose bytes hash to the digest it is stored under; a mismatch is removed and reported.</summary>
    public byte[]? ReadContent(string sha256, out bool corrupt)
    {
        corrupt = false;
        if (Read(ContentKind, sha256) is not { } bytes)
        {
            return null;
        }
        if (Sha256Digest.Of(bytes) == sha256)
        {
            return bytes;
        }
        corrupt = true;
        Remove(ContentKind, sha256);
        return null;
    }

    /// <summary>Temporary files on their way into <c>cas/</c> and <c>ac/</c>: a folder of their own, so that those of killed writers are found without listing every entry.</summary>
    public string TemporaryDirectory => Path.Combine(Root, "tmp");

    public void Write(string kind, string key, ReadOnlySpan<byte> content) => AtomicFile.WriteAllBytes(PathOf(kind, key), content, TemporaryDirectory);

    /// <summary>Removes temporary files that writers killed before their rename left behind (in earlier versions, beside the entries).</summary>
    public void RemoveAbandonedTemporaryFiles()
    {
        AtomicFile.RemoveAbandoned(TemporaryDirectory, "*");
        AtomicFile.RemoveAbandoned(Path.Combine(Root, ContentKind), ".*.tmp");
        AtomicFile.RemoveAbandoned(Path.Combine(Root, ActionKind), ".*.tmp");
    }

    /// <summary>Content-addressed, so an entry that is already there is already right; concurrent writers write the same bytes.</summary>
    public void WriteContent(string sha256, ReadOnlySpan<byte> content)
    {
        if (!Contains(ContentKind, sha256))
        {
            Write(ContentKind, sha256, content);
        }
    }

    /// <summary>Copies a file in under its digest (known to be right), by way of a temporary file, unless it is there.</summary>
    public void CopyContentFrom(string file, string sha256)
    {
        var path = PathOf(ContentKind, sha256);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(TemporaryDirectory);
        var temporary = Path.Combine(TemporaryDirectory, $".{sha256}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(file, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public void Remove(string kind, string key)
    {
        try
        {
            File.Delete(PathOf(kind, key));
        }
        catch (IOException)
        {
            // Another build holds it open or removed it first; the next reader checks the digest again.
        }
    }
}
