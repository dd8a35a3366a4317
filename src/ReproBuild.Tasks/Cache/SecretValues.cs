namespace ReproBuild.Tasks.Cache;

/// <summary>
/// The secret values a remote's credentials are made of, so that any message about the remote can be scrubbed of
/// them before it reaches a log. Values shorter than four characters are not secrets worth hiding and would mangle text.
/// </summary>
internal sealed class SecretValues(IEnumerable<string> values)
{
    private readonly string[] _values = [.. values.Where(v => v.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];

    public IReadOnlyList<string> Values => _values;

    /// <summary>The message with every secret replaced by <c>***</c>; longer secrets first, so no part of one is left.</summary>
    public string Scrub(string message) => _values.Aggregate(message, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));
}
