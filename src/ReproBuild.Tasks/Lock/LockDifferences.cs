using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReproBuild.Tasks.Lock;

/// <summary>One dataset or model whose entry in the lock file differs from what this build has, and how.</summary>
/// <param name="Kind"><c>dataset</c> or <c>model</c>.</param>
/// <param name="Changes">Each a readable field change, <c>inputs.parameters.NumberOfTrees 100 → 200</c>; empty when the entry is new or gone.</param>
/// <param name="Presence">For an entry only one side has: <c>is not in the lock file</c>, or the reverse.</param>
internal sealed record LockDifference(string Kind, string Name, IReadOnlyList<string> Changes, string? Presence = null)
{
    public const string Gone = "is in the lock file but no longer in the project";

    /// <summary>Only the lock file has it.</summary>
    public bool IsGone => Presence == Gone;

    public override string ToString() =>
        Presence is not null ? $"{Kind} '{Name}' {Presence}" : $"{Kind} '{Name}' differs from it: {string.Join("; ", Changes)}";
}

/// <summary>
/// Compares the committed lock file with the one this build would write, entry by entry and field by field, so
/// that locked mode can say exactly what differs (which digest, which parameter, which tool version) instead of
/// "the lock file changed".
/// </summary>
internal static class LockDifferences
{
    /// <param name="inputsOnly">Compare only what is known before training: datasets, and each model's inputs and version.</param>
    public static IReadOnlyList<LockDifference> Between(LockFile committed, LockFile current, bool inputsOnly)
    {
        var differences = new List<LockDifference>();
        Compare("dataset", committed.Datasets, current.Datasets, differences, _ => true);
        Compare("model", committed.Models, current.Models, differences, path => !inputsOnly || path is "version" || path.StartsWith("inputs.", StringComparison.Ordinal));
        Compare("stage", committed.Stages ?? new(), current.Stages ?? new(), differences, path => !inputsOnly || !path.StartsWith("outputs.", StringComparison.Ordinal));
        return differences;
    }

    /// <summary>One stage's entry against the committed lock's; <paramref name="inputsOnly"/> before it ran (outputs unknown).</summary>
    public static LockDifference? OfStage(string name, LockedStage? committed, LockedStage current, bool inputsOnly)
    {
        var differences = new List<LockDifference>();
        Compare("stage", committed is null ? new() : new SortedDictionary<string, LockedStage> { [name] = committed }, new SortedDictionary<string, LockedStage> { [name] = current }, differences,
            path => !inputsOnly || !path.StartsWith("outputs.", StringComparison.Ordinal));
        return differences.SingleOrDefault();
    }

    private static void Compare<T>(string kind, SortedDictionary<string, T> committed, SortedDictionary<string, T> current, List<LockDifference> differences, Func<string, bool> compared)
    {
        foreach (var name in committed.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            if (!current.TryGetValue(name, out var now))
            {
                differences.Add(new(kind, name, [], LockDifference.Gone));
                continue;
            }
            if (!committed.TryGetValue(name, out var then))
            {
                differences.Add(new(kind, name, [], "is not in the lock file"));
                continue;
            }
            var changes = new List<string>();
            Walk("", ToNode(then), ToNode(now), changes, compared);
            // A changed input always changes the fingerprint too: naming the input is the useful part.
            if (changes.Count > 1)
            {
                changes.RemoveAll(c => c.StartsWith("fingerprint ", StringComparison.Ordinal));
            }
            if (changes.Count > 0)
            {
                differences.Add(new(kind, name, changes));
            }
        }
    }

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, ReproJson.Options);

    private static void Walk(string path, JsonNode? then, JsonNode? now, List<string> changes, Func<string, bool> compared)
    {
        if (then is JsonObject oldObject && now is JsonObject newObject)
        {
            var keys = oldObject.Select(p => p.Key).Union(newObject.Select(p => p.Key)).Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                Walk(path.Length == 0 ? key : $"{path}.{key}", oldObject[key], newObject[key], changes, compared);
            }
            return;
        }
        if (!compared(path) || JsonNode.DeepEquals(then, now))
        {
            return;
        }
        changes.Add($"{path} {Show(then)} → {Show(now)}");
    }

    private static string Show(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue v when v.TryGetValue<string>(out var text) => Sha256Digest.IsDigest(text) ? text[..12] + "…" : text,
        JsonValue v when v.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

}
