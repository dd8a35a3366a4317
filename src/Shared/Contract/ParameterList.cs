namespace ReproBuild;

/// <summary>
/// The <c>Parameters</c> metadata of a Model or a Stage, <c>Name=Value;Name=Value</c>: read by the build (which reports
/// bad entries at the item) and by <c>reprobuild sweep</c> (which merges a grid's values into a model's, keeping every other entry as written).
/// </summary>
internal static class ParameterList
{
    /// <summary>Each entry, trimmed; <c>Name</c> is empty when the entry has no '=' or nothing before it.</summary>
    public static IEnumerable<(string Name, string Value, string Entry)> Entries(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? ("", "", entry) : (entry[..equals].Trim(), entry[(equals + 1)..].Trim(), entry);
        });
}
