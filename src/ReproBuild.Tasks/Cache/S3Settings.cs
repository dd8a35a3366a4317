using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// An <c>s3://</c> remote's region, endpoint and credentials, from the standard AWS variables only:
/// <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c> (temporary credentials),
/// <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>), and <c>AWS_ENDPOINT_URL_S3</c> (or <c>AWS_ENDPOINT_URL</c>) for an
/// S3-compatible store — MinIO, Ceph, R2 —, which is addressed path-style (<c>&lt;endpoint&gt;/&lt;bucket&gt;/…</c>).
/// Profiles and instance roles are not asked: a build reads the environment it is given, nothing else.
/// </summary>
internal sealed class S3Settings
{
    private readonly AWSCredentials _credentials;
    private readonly string _region;
    private readonly SecretValues _secrets;

    private S3Settings(AWSCredentials credentials, string region, Uri? endpoint, string[] secrets)
    {
        _credentials = credentials;
        _region = region;
        Endpoint = endpoint;
        _secrets = new SecretValues(secrets);
    }

    /// <summary>The custom endpoint, or null for AWS itself.</summary>
    public Uri? Endpoint { get; }

    /// <exception cref="RemoteCacheException">The keys are missing, or the endpoint is not a URL.</exception>
    public static S3Settings FromEnvironment()
    {
        var accessKey = Variable("AWS_ACCESS_KEY_ID");
        var secretKey = Variable("AWS_SECRET_ACCESS_KEY");
        if (accessKey is null || secretKey is null)
        {
            throw new RemoteCacheException("an s3:// remote needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
        }
        var sessionToken = Variable("AWS_SESSION_TOKEN");
        Uri? endpoint = null;
        if ((Variable("AWS_ENDPOINT_URL_S3") ?? Variable("AWS_ENDPOINT_URL")) is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new RemoteCacheException("AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) must be an http:// or https:// URL");
        }
        AWSCredentials credentials = sessionToken is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
        var region = Variable("AWS_REGION") ?? Variable("AWS_DEFAULT_REGION") ?? "us-east-1";
        return new S3Settings(credentials, region, endpoint, [secretKey, accessKey, .. sessionToken is null ? Array.Empty<string>() : [sessionToken]]);
    }

    public AmazonS3Client CreateClient(TimeSpan timeout)
    {
        var config = new AmazonS3Config
        {
            // One try, bounded: ModelCache stops asking after the first failure.
            MaxErrorRetry = 0,
            Timeout = timeout,
            // Checksums only where S3 requires them: S3-compatible stores do not all speak the newer trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (Endpoint is not null)
        {
            config.ServiceURL = Endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = _region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(_region);
        }
        return new AmazonS3Client(_credentials, config);
    }

    public string Scrub(string message) => _secrets.Scrub(message);

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
