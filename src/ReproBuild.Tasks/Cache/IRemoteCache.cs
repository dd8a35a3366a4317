namespace ReproBuild.Tasks.Cache;

/// <summary>
/// A shared cache in bazel-remote's layout (<c>cas/</c>, <c>ac/</c>): a folder on a share, or an HTTP server that
/// answers GET and PUT. Anything it returns is untrusted: callers check every digest.
/// </summary>
internal interface IRemoteCache : IDisposable
{
    /// <summary>Where it is, for messages: never with credentials.</summary>
    string Name { get; }

    /// <summary>The entry's bytes, or null when the remote does not have it.</summary>
    /// <exception cref="RemoteCacheException">The remote could not be asked: down, slow, refused.</exception>
    byte[]? Get(string kind, string key, CancellationToken cancellation);

    /// <exception cref="RemoteCacheException">The remote could not be asked.</exception>
    bool Contains(string kind, string key, CancellationToken cancellation);

    /// <exception cref="RemoteCacheException">The remote did not take it.</exception>
    void Put(string kind, string key, byte[] content, CancellationToken cancellation);
}

/// <summary>A remote that could not be reached or refused a request; the message says why, without credentials.</summary>
internal sealed class RemoteCacheException(string message) : Exception(message);
