using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// A remote in an Azure Blob Storage container, <c>azblob://&lt;container&gt;[/prefix]</c>: entries are the blobs
/// <c>[prefix/]cas/&lt;sha256&gt;</c> and <c>[prefix/]ac/&lt;fingerprint&gt;</c>. A blob upload becomes visible whole
/// or not at all, which is what makes a put atomic. The account and its credentials come from
/// <see cref="AzureCredentials"/>, never from the property; messages name the container, never the credentials.
/// </summary>
internal sealed class AzureBlobRemote : IRemoteCache
{
    public const string Scheme = "azblob";

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly TimeSpan _timeout;
    private readonly AzureCredentials _credentials;

    /// <exception cref="RemoteCacheException">No credentials, or they are malformed (their value is not repeated).</exception>
    public AzureBlobRemote(Uri location, TimeSpan timeout)
    {
        var container = location.Host;
        _prefix = RemotePrefix.Of(location);
        _timeout = timeout;
        _credentials = AzureCredentials.FromEnvironment();
        var options = new BlobClientOptions();
        // One try, bounded: ModelCache stops asking after the first failure, and a build must not wait on retries.
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = timeout;
        options.Retry.Mode = RetryMode.Fixed;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = false;
        _container = _credentials.OpenContainer(container, options);
        Name = $"{Scheme}://{container}{(_prefix.Length > 0 ? "/" + _prefix.TrimEnd('/') : "")} ({_container.Uri.Host})";
    }

    public string Name { get; }

    public byte[]? Get(string kind, string key, CancellationToken cancellation) => Send("GET", kind, key, (blob, bounded) =>
    {
        try
        {
            return blob.DownloadContent(bounded).Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }, cancellation);

    public bool Contains(string kind, string key, CancellationToken cancellation) => Send("HEAD", kind, key, (blob, bounded) => blob.Exists(bounded).Value, cancellation);

    public void Put(string kind, string key, byte[] content, CancellationToken cancellation) => Send("PUT", kind, key, (blob, bounded) =>
        blob.Upload(BinaryData.FromBytes(content), new BlobUploadOptions(), bounded), cancellation);

    private T Send<T>(string method, string kind, string key, Func<BlobClient, CancellationToken, T> action, CancellationToken cancellation)
    {
        var name = $"{_prefix}{kind}/{key}";
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            bounded.CancelAfter(_timeout);
            return action(_container.GetBlobClient(name), bounded.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw new RemoteCacheException($"no complete answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (RequestFailedException e) when (e.Status > 0)
        {
            // The SDK's own message lists headers and the request URI: say only what a user needs.
            throw new RemoteCacheException($"{method} {_container.Name}/{name} answered {e.Status} {e.ErrorCode}".TrimEnd());
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            throw new RemoteCacheException(_credentials.Scrub(RemoteFailure.Describe(e)));
        }
    }

    public void Dispose()
    {
    }
}
