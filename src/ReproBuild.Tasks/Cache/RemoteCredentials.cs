using System.Net.Http.Headers;
using System.Text;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Credentials for an HTTP remote, taken only from the environment so that they never appear in a project file,
/// a build log, a binlog's property list or provenance: <c>REPROBUILD_REMOTE_HEADER</c> (<c>Name: value</c>, for
/// example <c>Authorization: Bearer …</c>) or <c>REPROBUILD_REMOTE_CREDENTIALS</c> (<c>user:password</c>, sent as
/// basic authentication).
/// </summary>
internal sealed class RemoteCredentials
{
    public const string HeaderVariable = "REPROBUILD_REMOTE_HEADER";
    public const string BasicVariable = "REPROBUILD_REMOTE_CREDENTIALS";

    private readonly (string Name, string Value)? _header;

    private RemoteCredentials((string Name, string Value)? header, params string[] secrets)
    {
        _header = header;
        _secrets = new SecretValues(secrets);
    }

    private readonly SecretValues _secrets;

    /// <summary>The secret values, so that any message can be scrubbed of them.</summary>
    public IReadOnlyList<string> Secrets => _secrets.Values;

    public string Scrub(string message) => _secrets.Scrub(message);

    /// <exception cref="RemoteCacheException">A variable is set but malformed (its value is not repeated).</exception>
    public static RemoteCredentials FromEnvironment(string? userInfo)
    {
        if (Environment.GetEnvironmentVariable(HeaderVariable) is { Length: > 0 } header)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new RemoteCacheException($"{HeaderVariable} must look like 'Name: value'");
            }
            var value = header[(colon + 1)..].Trim();
            return new RemoteCredentials((header[..colon].Trim(), value), value, value.Split(' ', 2)[^1]);
        }
        var basic = Environment.GetEnvironmentVariable(BasicVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : Uri.UnescapeDataString(userInfo ?? "");
        if (basic.Length == 0)
        {
            return new RemoteCredentials(null);
        }
        if (!basic.Contains(':', StringComparison.Ordinal))
        {
            throw new RemoteCacheException($"{BasicVariable} must look like 'user:password'");
        }
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        return new RemoteCredentials(("Authorization", "Basic " + encoded), basic, basic[(basic.IndexOf(':', StringComparison.Ordinal) + 1)..], encoded);
    }

    public void Apply(HttpRequestHeaders headers)
    {
        if (_header is { } h)
        {
            headers.TryAddWithoutValidation(h.Name, h.Value);
        }
    }
}
