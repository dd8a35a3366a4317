using System.Net;
using System.Security.Cryptography;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Fetches a dataset's bytes from where its <c>Source</c> says — an <c>http(s)://</c> URL or a path — into a file,
/// hashing them on the way. Reads are bounded by an idle timeout rather than a total one, so a large file on a slow
/// link still arrives, but a server that stops sending does not hang the build.
/// </summary>
internal static class DataSource
{
    /// <returns>The SHA-256 of what was written.</returns>
    /// <exception cref="RemoteCacheException">The source could not be read; the message says why.</exception>
    public static string Fetch(string source, string baseDirectory, string destination, TimeSpan idleTimeout, RemoteCredentials? credentials, CancellationToken cancellation)
    {
        try
        {
            using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return Download(uri, output, idleTimeout, credentials, cancellation);
            }
            var path = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(source, baseDirectory);
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            return Copy(input, output, TimeSpan.MaxValue, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new RemoteCacheException(credentials?.Scrub(e.Message) ?? e.Message);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new RemoteCacheException($"no data for {idleTimeout.TotalSeconds:0.#} s");
        }
    }

    private static string Download(Uri uri, Stream output, TimeSpan idleTimeout, RemoteCredentials? credentials, CancellationToken cancellation)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = idleTimeout, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        credentials?.Apply(request.Headers);
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        headers.CancelAfter(idleTimeout);
        using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new RemoteCacheException($"GET {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        using var body = response.Content.ReadAsStream(cancellation);
        return Copy(body, output, idleTimeout, cancellation);
    }

    private static string Copy(Stream input, Stream output, TimeSpan idleTimeout, CancellationToken cancellation)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        while (true)
        {
            int read;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                if (idleTimeout != TimeSpan.MaxValue)
                {
                    idle.CancelAfter(idleTimeout);
                }
                read = input.ReadAsync(buffer, idle.Token).AsTask().GetAwaiter().GetResult();
            }
            if (read == 0)
            {
                break;
            }
            sha256.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }
        output.Flush();
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }
}
