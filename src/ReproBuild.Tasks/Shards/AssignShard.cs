using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Shards;

/// <summary>
/// A sharded build (<c>$(ReproBuildShard)</c>) deals every model and stage of the project to a shard before anything
/// runs, from their names alone: what is in a cache or up to date does not change the deal, so shards that start
/// at different times, against a remote other shards are filling, still agree on who trains what.
/// </summary>
public sealed class AssignShard : ReproBuildTask
{
    /// <summary><c>$(ReproBuildShard)</c>: <c>INDEX/COUNT</c>.</summary>
    [Required]
    public string Shard { get; set; } = "";

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project's <c>Stage</c> items.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>One item per model and stage: identity its name, <c>Kind</c> (Model or Stage) and <c>Shard</c> (the owner's index).</summary>
    [Output]
    public ITaskItem[] Assignments { get; private set; } = [];

    private protected override bool Run()
    {
        if (global::ReproBuild.Shard.Parse(Shard, out var problem) is not { } shard)
        {
            Log.LogError(null, ErrorCodes.InvalidShard, null, ProjectFile, 0, 0, 0, 0, problem);
            return false;
        }
        var items = Models.Select(m => (Kind: ShardPlan.ModelKind, Name: ModelItem.NameOf(m)))
            .Concat(Stages.Select(s => (Kind: ShardPlan.StageKind, Name: ItemNames.Normalize(s.ItemSpec))))
            .ToList();
        var owners = shard.Deal(items.Select(i => global::ReproBuild.Shard.Key(i.Kind, i.Name)));
        Assignments = [.. items.Select(i =>
        {
            var item = new TaskItem(i.Name);
            item.SetMetadata("Kind", i.Kind);
            item.SetMetadata("Shard", owners[global::ReproBuild.Shard.Key(i.Kind, i.Name)].ToString(System.Globalization.CultureInfo.InvariantCulture));
            return (ITaskItem)item;
        })];
        var own = items.Count(i => owners[global::ReproBuild.Shard.Key(i.Kind, i.Name)] == shard.Index);
        Log.LogMessage(MessageImportance.High, $"ReproBuild: shard {shard} — {own} of {items.Count} models and stages are this shard's; the rest is restored from the cache or skipped.");
        return true;
    }
}
