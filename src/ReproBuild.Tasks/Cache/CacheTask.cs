using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// What the cache tasks share: where the local cache and the remote are (cancellation, which stops a slow download
/// at once, comes from <see cref="ReproBuildTask"/>).
/// </summary>
public abstract class CacheTask : ReproBuildTask
{
    /// <summary><c>$(ReproBuildCacheDir)</c>: the local content-addressed cache; empty turns it off.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildRemote)</c>: a folder, an <c>http(s)://</c>, <c>azblob://</c> or <c>s3://</c> URL; empty for none.</summary>
    public string Remote { get; set; } = "";

    /// <summary><c>$(ReproBuildRemoteTimeout)</c>: seconds any one request to the remote may take.</summary>
    public int RemoteTimeout { get; set; } = 30;

    private protected CacheFolder? OpenLocal() => CacheDirectory.Trim() is { Length: > 0 } path ? new CacheFolder(path) : null;

    /// <summary>The remote named by <see cref="Remote"/>; null (with an RB4010 error) when it cannot be one.</summary>
    private protected IRemoteCache? OpenRemote(out bool invalid)
    {
        invalid = false;
        var remote = Remote.Trim();
        if (remote.Length == 0)
        {
            return null;
        }
        if (Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or AzureBlobRemote.Scheme or S3Remote.Scheme)
        {
            var timeout = TimeSpan.FromSeconds(Math.Max(1, RemoteTimeout));
            try
            {
                return uri.Scheme switch
                {
                    AzureBlobRemote.Scheme => new AzureBlobRemote(uri, timeout),
                    S3Remote.Scheme => new S3Remote(uri, timeout),
                    _ => new HttpRemote(uri, timeout),
                };
            }
            catch (RemoteCacheException e)
            {
                invalid = true;
                Log.LogError(null, ErrorCodes.InvalidRemote, null, ProjectFile, 0, 0, 0, 0, $"ReproBuildRemote is set, but {e.Message}.");
                return null;
            }
        }
        if (uri is { IsFile: true })
        {
            return new FolderRemote(uri.LocalPath);
        }
        if (remote.Contains("://", StringComparison.Ordinal))
        {
            invalid = true;
            Log.LogError(null, ErrorCodes.InvalidRemote, null, ProjectFile, 0, 0, 0, 0,
                $"ReproBuildRemote '{remote.Split("://")[0]}://…' is neither a folder nor an http://, https://, azblob:// or s3:// URL.");
            return null;
        }
        return new FolderRemote(Path.GetFullPath(remote, Path.GetDirectoryName(ProjectFile) ?? Environment.CurrentDirectory));
    }
}
