using System.Net;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// An HTTP remote that speaks plain GET, HEAD and PUT of <c>&lt;base&gt;/cas/&lt;sha256&gt;</c> and
/// <c>&lt;base&gt;/ac/&lt;fingerprint&gt;</c>: bazel-remote, or nginx with WebDAV PUT. Every request is bounded by
/// the timeout, body included; <see cref="ModelCache"/> stops asking a remote after its first failure.
/// </summary>
internal sealed class HttpRemote : IRemoteCache
{
    private readonly HttpClient _client;
    private readonly Uri _base;
    private readonly RemoteCredentials _credentials;
    private readonly TimeSpan _timeout;

    public HttpRemote(Uri baseUri, TimeSpan timeout)
    {
        _credentials = RemoteCredentials.FromEnvironment(baseUri.UserInfo);
        _base = new UriBuilder(baseUri) { UserName = "", Password = "", Path = baseUri.AbsolutePath.TrimEnd('/') + "/" }.Uri;
        _timeout = timeout;
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = timeout < TimeSpan.FromSeconds(10) ? timeout : TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        })
        {
            // Bounded per request below, body included (HttpClient.Timeout stops at the headers).
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Name => _base.GetLeftPart(UriPartial.Path);

    public byte[]? Get(string kind, string key, CancellationToken cancellation) => Send(HttpMethod.Get, kind, key, null, (response, bounded) =>
        response.StatusCode == HttpStatusCode.NotFound ? null
        : response.IsSuccessStatusCode ? response.Content.ReadAsByteArrayAsync(bounded).GetAwaiter().GetResult()
        : throw Refused(response), cancellation);

    public bool Contains(string kind, string key, CancellationToken cancellation) => Send(HttpMethod.Head, kind, key, null, (response, _) =>
        response.StatusCode != HttpStatusCode.NotFound && (response.IsSuccessStatusCode ? true : throw Refused(response)), cancellation);

    public void Put(string kind, string key, byte[] content, CancellationToken cancellation) => Send(HttpMethod.Put, kind, key, content, (response, _) =>
        response.IsSuccessStatusCode ? true : throw Refused(response), cancellation);

    private T Send<T>(HttpMethod method, string kind, string key, byte[]? content, Func<HttpResponseMessage, CancellationToken, T> read, CancellationToken cancellation)
    {
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(_base, $"{kind}/{key}"));
            _credentials.Apply(request.Headers);
            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);
            }
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            bounded.CancelAfter(_timeout);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            return read(response, bounded.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or RemoteCacheException)
        {
            throw new RemoteCacheException(e switch
            {
                RemoteCacheException refused => refused.Message,
                OperationCanceledException => $"no complete answer within {_timeout.TotalSeconds:0.#} s",
                _ => _credentials.Scrub(e.InnerException?.Message is { } inner ? $"{e.Message} ({inner})" : e.Message),
            });
        }
    }

    private static RemoteCacheException Refused(HttpResponseMessage response) =>
        new($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}");

    public void Dispose() => _client.Dispose();
}
