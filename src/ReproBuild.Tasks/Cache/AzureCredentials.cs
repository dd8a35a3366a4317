using Azure.Storage.Blobs;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Where an <c>azblob://</c> remote's account is and how to sign in, from the environment only: Azure's usual
/// <c>AZURE_STORAGE_CONNECTION_STRING</c> (an account key or a SAS; any endpoint, Azurite's included), else
/// <c>REPROBUILD_REMOTE_SAS_URL</c>, a SAS URL for the account or the container as the portal or
/// <c>az storage container generate-sas</c> give it. A SAS URL is a credential like any other, so it has no place in
/// the <c>ReproBuildRemote</c> property, which reaches logs, binlogs and project files.
/// </summary>
internal sealed class AzureCredentials
{
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";
    public const string SasUrlVariable = "REPROBUILD_REMOTE_SAS_URL";

    private readonly string? _connectionString;
    private readonly Uri? _sasUrl;
    private readonly SecretValues _secrets;

    private AzureCredentials(string? connectionString, Uri? sasUrl, string[] secrets)
    {
        _connectionString = connectionString;
        _sasUrl = sasUrl;
        _secrets = new SecretValues(secrets);
    }

    /// <exception cref="RemoteCacheException">Neither variable is set, or the one set is malformed.</exception>
    public static AzureCredentials FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            // The key and the SAS are the secrets; the account's name and endpoints are not, and messages may name them.
            var values = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('=', 2))
                .Where(pair => pair.Length == 2 && pair[0].Trim() is "AccountKey" or "SharedAccessSignature")
                .Select(pair => pair[1].Trim())
                .Append(connectionString);
            return new AzureCredentials(connectionString, null, [.. values]);
        }
        if (Environment.GetEnvironmentVariable(SasUrlVariable) is { Length: > 0 } sas)
        {
            if (!Uri.TryCreate(sas, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp || uri.Query.Length < 2)
            {
                throw new RemoteCacheException($"{SasUrlVariable} must be a SAS URL: https://<account>.blob.core.windows.net/[<container>]?<sas>");
            }
            return new AzureCredentials(null, uri, [sas, uri.Query.TrimStart('?'), .. uri.Query.TrimStart('?').Split('&').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..])]);
        }
        throw new RemoteCacheException($"an azblob:// remote needs {ConnectionStringVariable} or {SasUrlVariable} in the environment");
    }

    /// <exception cref="RemoteCacheException">The credentials are malformed, or the SAS URL is for another container.</exception>
    public BlobContainerClient OpenContainer(string container, BlobClientOptions options)
    {
        try
        {
            if (_connectionString is not null)
            {
                return new BlobContainerClient(_connectionString, container, options);
            }
            // The SDK's own parser: it knows the path-style URLs of emulators and IP endpoints, where the account is the
            // first segment of the path (http://127.0.0.1:10000/<account>/<container>), not the host.
            var signedFor = new BlobUriBuilder(_sasUrl!).BlobContainerName;
            if (string.IsNullOrEmpty(signedFor))
            {
                return new BlobServiceClient(_sasUrl, options).GetBlobContainerClient(container);
            }
            return signedFor == container
                ? new BlobContainerClient(_sasUrl, options)
                : throw new RemoteCacheException($"{SasUrlVariable} is for the container '{signedFor}', not '{container}'");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new RemoteCacheException($"{(_connectionString is not null ? ConnectionStringVariable : SasUrlVariable)} is malformed");
        }
    }

    public string Scrub(string message) => _secrets.Scrub(message);
}
