using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Fetches a dataset's bytes from where its <c>Source</c> says — an <c>http(s)://</c> URL or a path — into a file,
/// hashing them on the way. Reads are bounded by an idle timeout rather than a total one, so a large file on a slow
/// link still arrives, but a server that stops sending does not hang the build.
/// </summary>
internal static partial class DataSource
{
    /// <summary>What RB1017 tells a user a Source may be.</summary>
    public const string SupportedForms = "a Source is an http:// or https:// URL, or a path to a file (relative to the project, or absolute)";

    /// <summary>
    /// Whether <paramref name="source"/> is one of the two forms a Source may take: an <c>http(s)://</c> URL, or a
    /// plain path (a Windows drive path included). Every other scheme (<c>file:</c>, <c>ftp:</c>, <c>data:</c>…)
    /// and network or device paths (<c>\\server\share</c>, <c>//server/share</c>, <c>\\?\…</c>) are refused,
    /// on every system alike, so that a Source reads plainly what it says and means the same on every machine.
    /// </summary>
    public static bool IsSupported(string source) => HttpUrl(source) is not null || IsPlainPath(source);

    /// <summary>The Source as an error message may show it: without the user name and password a URL may carry.</summary>
    public static string Display(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
            : source;

    private static Uri? HttpUrl(string source) =>
        (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? uri
            : null;

    private static bool IsPlainPath(string source) =>
        source.Length > 0
        && source.IndexOfAny(Path.GetInvalidPathChars()) < 0
        && !NetworkOrDevicePath().IsMatch(source)
        && (!SchemePrefix().IsMatch(source) || DrivePath().IsMatch(source));

    /// <summary>Two leading separators: UNC shares, and the device forms \\?\ and \\.\; \??\ is the NT object namespace.</summary>
    [GeneratedRegex(@"^([\\/]{2}|\\\?\?\\)")]
    private static partial Regex NetworkOrDevicePath();

    /// <summary>RFC 3986's scheme, then a colon.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex DrivePath();

    /// <returns>The SHA-256 of what was written.</returns>
    /// <exception cref="RemoteCacheException">The source could not be read; the message says why.</exception>
    public static string Fetch(string source, string baseDirectory, string destination, TimeSpan idleTimeout, RemoteCredentials? credentials, CancellationToken cancellation)
    {
        try
        {
            using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
            if (HttpUrl(source) is { } uri)
            {
                return Download(uri, output, idleTimeout, credentials, cancellation);
            }
            var path = Path.GetFullPath(source, baseDirectory);
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
