using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReproBuild;

/// <summary>
/// <c>$(ReproBuildShard)</c>, <c>INDEX/COUNT</c> with INDEX counted from 0 (as Kubernetes' <c>JOB_COMPLETION_INDEX</c>):
/// which share of the project's models and stages this build trains. Every model and stage is dealt to one shard:
/// the names are sorted by their SHA-256 and dealt round-robin, so the shards' shares differ by at most one item and
/// every build of the same items, on any machine, deals them the same way. A new item can move others to another
/// shard; that costs nothing, because the remote is shared and the shards of one commit all deal the same list.
/// The build deals models and stages (Tasks/Shards/AssignShard.cs); <c>reprobuild sweep --shard</c> deals experiments.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    /// <summary>Null with <paramref name="problem"/> set when the text is not <c>INDEX/COUNT</c> with 0 &lt;= INDEX &lt; COUNT.</summary>
    /// <param name="text">The shard as given.</param>
    /// <param name="problem">Why it is not one, for the error message.</param>
    /// <param name="setting">What the text was given as, for the message: the property, or the tool's option.</param>
    public static Shard? Parse(string text, out string? problem, string setting = "ReproBuildShard")
    {
        problem = null;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2)
        {
            problem = $"{setting} is '{text}'; use INDEX/COUNT, e.g. 0/3 for the first of three shards.";
            return null;
        }
        if (parts[0].Trim().Length == 0)
        {
            problem = $"{setting} is '{text}': the index is empty. When it comes from an environment variable ($(JOB_COMPLETION_INDEX) in a Kubernetes Indexed Job, a CI matrix variable), that variable is not set.";
            return null;
        }
        if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || index >= count)
        {
            problem = $"{setting} is '{text}'; use INDEX/COUNT with a COUNT of at least 1 and an INDEX from 0 to COUNT-1.";
            return null;
        }
        return new Shard(index, count);
    }

    /// <summary>The shard (its index) each work item is dealt to. Keys are <see cref="Key"/>s.</summary>
    public Dictionary<string, int> Deal(IEnumerable<string> keys)
    {
        var order = keys.Distinct(StringComparer.Ordinal)
            .Select(key => (Key: key, Hash: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))))
            .OrderBy(k => k.Hash, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        return order.Select((k, position) => (k.Key, Shard: position % Count)).ToDictionary(k => k.Key, k => k.Shard, StringComparer.Ordinal);
    }

    /// <summary>A model and a stage may share a name; each is its own work item.</summary>
    public static string Key(string kind, string name) => $"{kind}:{name}";

    /// <summary>The one message for everything a shard leaves to another (README, "Spreading the work").</summary>
    public string SkipMessage(string name, int owner) => $"ReproBuild: {name} is shard {owner}'s (of {Count}); skipped";

    public override string ToString() => $"{Index}/{Count}";
}
