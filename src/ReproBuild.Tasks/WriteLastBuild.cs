using Microsoft.Build.Framework;

namespace ReproBuild.Tasks;

/// <summary>
/// The pipeline's last step: <see cref="LastBuild"/> from what each step reported, in one atomic write, so a reader
/// sees one build's account or the one before — never a mix.
/// </summary>
public sealed class WriteLastBuild : ReproBuildTask
{
    /// <summary>Every model the build fingerprinted: one that no step names was up to date.</summary>
    public ITaskItem[] Models { get; set; } = [];

    public ITaskItem[] TrainedModels { get; set; } = [];

    public ITaskItem[] RestoredModels { get; set; } = [];

    /// <summary>Skipped by a sharded build: another shard's, and no cache had it (or the stage it reads from).</summary>
    public ITaskItem[] SkippedModels { get; set; } = [];

    /// <summary>The stages as RunStages returned them, with <c>Outcome</c>.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    public ITaskItem[] SkippedStages { get; set; } = [];

    /// <summary><c>$(ReproBuildShard)</c>, recorded as given.</summary>
    public string Shard { get; set; } = "";

    [Required]
    public string IntermediateDirectory { get; set; } = "";

    private protected override bool Run()
    {
        var models = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            models[ModelItem.NameOf(model)] = LastBuild.UpToDate;
        }
        Mark(models, RestoredModels, LastBuild.Restored);
        Mark(models, TrainedModels, LastBuild.Trained);
        Mark(models, SkippedModels, LastBuild.Skipped);

        var stages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in Stages)
        {
            stages[ItemNames.Normalize(stage.ItemSpec)] = stage.GetMetadata("Outcome") switch
            {
                "Ran" => LastBuild.Ran,
                "Restored" => LastBuild.Restored,
                _ => LastBuild.UpToDate,
            };
        }
        Mark(stages, SkippedStages, LastBuild.Skipped);

        var shard = Shard.Trim().Length > 0 ? Shard.Trim() : null;
        AtomicFile.WriteAllTextIfChanged(Path.Combine(IntermediateDirectory, LastBuild.FileName),
            ReproJson.Serialize(new LastBuild(LastBuild.CurrentFormat, shard, models, stages)));
        return true;
    }

    private static void Mark(SortedDictionary<string, string> outcomes, IEnumerable<ITaskItem> items, string outcome)
    {
        foreach (var item in items)
        {
            outcomes[ItemNames.Normalize(item.ItemSpec)] = outcome;
        }
    }
}
