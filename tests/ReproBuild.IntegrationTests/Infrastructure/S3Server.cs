using Amazon.Runtime;
using Amazon.S3;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// s3rver, an S3-compatible server (npm, Remote/package.json), on a loopback port with one bucket, and what a build
/// needs to reach it as <c>s3://</c>: the standard AWS variables with a custom endpoint, nothing else of the
/// developer's own environment.
/// </summary>
internal sealed class S3Server : IDisposable
{
    // s3rver signs with these fixed keys.
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly NodeServer _server;

    private S3Server(NodeServer server) => _server = server;

    public string Endpoint => $"http://127.0.0.1:{_server.Port}";

    public static S3Server Start(string bucket) =>
        new(NodeServer.Start("s3rver", (port, data) => ["-d", data, "-a", "127.0.0.1", "-p", $"{port}", "--silent", "--configure-bucket", bucket]));

    /// <summary>The build's environment: <see cref="RemoteCredentials.None"/> plus the AWS variables for this server.</summary>
    public Dictionary<string, string?> BuildEnvironment()
    {
        var environment = RemoteCredentials.None();
        environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        environment["AWS_REGION"] = "us-east-1";
        environment["AWS_ENDPOINT_URL_S3"] = Endpoint;
        return environment;
    }

    /// <summary>A client of the test's own, to look at or damage what the builds stored.</summary>
    public AmazonS3Client NewClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public void Dispose() => _server.Dispose();
}
