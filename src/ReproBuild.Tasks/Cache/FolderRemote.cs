namespace ReproBuild.Tasks.Cache;

/// <summary>A remote cache on a network share or any folder: the same layout as the local cache.</summary>
internal sealed class FolderRemote(string root) : IRemoteCache
{
    private readonly CacheFolder _folder = new(root);

    public string Name => _folder.Root;

    public byte[]? Get(string kind, string key, CancellationToken cancellation) =>
        Guard(() => Directory.Exists(_folder.Root) ? _folder.Read(kind, key) : throw new RemoteCacheException($"the folder '{_folder.Root}' does not exist or is not reachable"));

    public bool Contains(string kind, string key, CancellationToken cancellation) => Guard(() => _folder.Contains(kind, key));

    public void Put(string kind, string key, byte[] content, CancellationToken cancellation) => Guard(() =>
    {
        _folder.Write(kind, key, content);
        return true;
    });

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RemoteCacheException(e.Message);
        }
    }

    public void Dispose()
    {
    }
}
