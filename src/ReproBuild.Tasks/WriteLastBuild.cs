using Microsoft.Build.Framework;

namespace ReproBuild.Tasks;

/// <summary>
/// The pipeline's last step: <see cref="LastBuild"/> from what each step reported, in one atomic write, so a reader
/// sees one build's account or the one before — never a mix.
/// </summary>
public sealed class WriteLastBuild : ReproBuildTask, IIncrementalTask
{
    /// <summary>Set by <c>dotnet build -question</c>: that build did nothing to give an account of, and writes nothing.</summary>
    public bool FailIfNotIncremental { get; set; }

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
        if (FailIfNotIncremental)
        {
            return true;
        }
        var models = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            models[ModelName(model)] = LastBuild.UpToDate;
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
        foreach (var stage in SkippedStages)
        {
            stages[ItemNames.Normalize(stage.ItemSpec)] = LastBuild.Skipped;
        }

        var shard = Shard.Trim().Length > 0 ? Shard.Trim() : null;
        AtomicFile.WriteAllTextIfChanged(Path.Combine(IntermediateDirectory, LastBuild.FileName),
            ReproJson.Serialize(new LastBuild(LastBuild.CurrentFormat, shard, models, stages)));
        return true;
    }

    private static void Mark(SortedDictionary<string, string> models, IEnumerable<ITaskItem> items, string outcome)
    {
        foreach (var item in items)
        {
            models[ModelName(item)] = outcome;
        }
    }

    /// <summary>A fingerprinted model (identity: its inputs file) or a <c>Model</c> item (identity: its name).</summary>
    private static string ModelName(ITaskItem item) =>
        item.GetMetadata("Fingerprint").Length > 0 ? FingerprintedModel.From(item).Name : ModelItem.NameOf(item);
}
