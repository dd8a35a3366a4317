namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>The variables the object-store remotes read.</summary>
internal static class RemoteCredentials
{
    /// <summary>Every one of them unset, so that the developer's own credentials never take part in a test.</summary>
    public static Dictionary<string, string?> None() => new()
    {
        ["AZURE_STORAGE_CONNECTION_STRING"] = null, ["REPROBUILD_REMOTE_SAS_URL"] = null,
        ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_SESSION_TOKEN"] = null, ["AWS_PROFILE"] = null,
        ["AWS_REGION"] = null, ["AWS_DEFAULT_REGION"] = null, ["AWS_ENDPOINT_URL"] = null, ["AWS_ENDPOINT_URL_S3"] = null,
    };
}
