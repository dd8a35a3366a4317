using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// A remote in an S3 bucket or any S3-compatible store, <c>s3://&lt;bucket&gt;[/prefix]</c>: entries are the objects
/// <c>[prefix/]cas/&lt;sha256&gt;</c> and <c>[prefix/]ac/&lt;fingerprint&gt;</c>. An object becomes visible whole or
/// not at all, which is what makes a put atomic. Region, endpoint and credentials come from
/// <see cref="S3Settings"/> (the standard AWS variables), never from the property.
/// </summary>
internal sealed class S3Remote : IRemoteCache
{
    public const string Scheme = "s3";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly TimeSpan _timeout;
    private readonly S3Settings _settings;

    /// <exception cref="RemoteCacheException">No credentials, or a malformed endpoint (their values are not repeated).</exception>
    public S3Remote(Uri location, TimeSpan timeout)
    {
        _bucket = location.Host;
        _prefix = RemotePrefix.Of(location);
        _timeout = timeout;
        _settings = S3Settings.FromEnvironment();
        _client = _settings.CreateClient(timeout);
        Name = $"{Scheme}://{_bucket}{(_prefix.Length > 0 ? "/" + _prefix.TrimEnd('/') : "")}{(_settings.Endpoint is { } endpoint ? $" ({endpoint.Host})" : "")}";
    }

    public string Name { get; }

    public byte[]? Get(string kind, string key, CancellationToken cancellation) => Send("GET", kind, key, async (objectKey, bounded) =>
    {
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = objectKey }, bounded).ConfigureAwait(false);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, bounded).ConfigureAwait(false);
            return content.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }, cancellation);

    public bool Contains(string kind, string key, CancellationToken cancellation) => Send("HEAD", kind, key, async (objectKey, bounded) =>
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = objectKey }, bounded).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }, cancellation);

    public void Put(string kind, string key, byte[] content, CancellationToken cancellation) => Send("PUT", kind, key, async (objectKey, bounded) =>
    {
        using var body = new MemoryStream(content, writable: false);
        // A plain body, no aws-chunked encoding, which not every S3-compatible store speaks; what is read back is
        // checked against its digest anyway.
        return await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        }, bounded).ConfigureAwait(false);
    }, cancellation);

    private T Send<T>(string method, string kind, string key, Func<string, CancellationToken, Task<T>> action, CancellationToken cancellation)
    {
        var objectKey = $"{_prefix}{kind}/{key}";
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            bounded.CancelAfter(_timeout);
            // MSBuild tasks are synchronous and the SDK is asynchronous only; a task thread has no synchronization
            // context, so waiting here cannot deadlock.
            return action(objectKey, bounded.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw new RemoteCacheException($"no complete answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0)
        {
            throw new RemoteCacheException($"{method} {_bucket}/{objectKey} answered {(int)e.StatusCode} {e.ErrorCode}".TrimEnd());
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException)
        {
            throw new RemoteCacheException(_settings.Scrub(RemoteFailure.Describe(e)));
        }
    }

    public void Dispose() => _client.Dispose();
}
