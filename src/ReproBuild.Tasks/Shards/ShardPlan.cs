using System.Globalization;
using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Shards;

/// <summary>The deal <see cref="AssignShard"/> made, as the tasks after it read it: who owns a model or a stage.</summary>
internal sealed class ShardPlan
{
    public const string ModelKind = "Model";
    public const string StageKind = "Stage";

    private readonly Dictionary<string, int> owners;

    private ShardPlan(Shard shard, Dictionary<string, int> owners)
    {
        Shard = shard;
        this.owners = owners;
    }

    public Shard Shard { get; }

    /// <summary>Null when the build is not sharded (no <c>$(ReproBuildShard)</c>, or it did not parse: AssignShard reported that).</summary>
    public static ShardPlan? Read(string shard, IEnumerable<ITaskItem> assignments)
    {
        if (shard.Trim().Length == 0 || Shard.Parse(shard, out _) is not { } parsed)
        {
            return null;
        }
        var owners = assignments.ToDictionary(
            a => Shard.Key(a.GetMetadata("Kind"), ItemNames.Normalize(a.ItemSpec)),
            a => int.Parse(a.GetMetadata("Shard"), CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
        return new ShardPlan(parsed, owners);
    }

    public int OwnerOf(string kind, string name) => owners.GetValueOrDefault(Shard.Key(kind, name), Shard.Index);

    public bool Owns(string kind, string name) => OwnerOf(kind, name) == Shard.Index;

    public string SkipMessage(string kind, string name) => Shard.SkipMessage(name, OwnerOf(kind, name));
}
