using Microsoft.Build.Framework;
using ReproBuild.Tasks.Shards;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Before training: restores each model whose inputs changed from the local cache or the remote, by fingerprint,
/// and returns the ones no cache has. A second clone, another branch or a build after <c>dotnet clean</c> trains
/// nothing that was trained before from the same inputs.
/// </summary>
public sealed class RestoreModels : CacheTask
{
    /// <summary>The models to bring up to date, as <see cref="ComputeModelFingerprints"/> returned them.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary><c>$(OutDir)models/</c>: stale copies there are removed when a model is restored.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildShard)</c>: a model no cache had is trained only by the shard it is dealt to.</summary>
    public string Shard { get; set; } = "";

    /// <summary>The deal of a sharded build, as <see cref="AssignShard"/> made it.</summary>
    public ITaskItem[] ShardAssignments { get; set; } = [];

    /// <summary><c>$(ReproBuildRestoreOnly)</c>: a model no cache has is skipped, never trained (<c>reprobuild sweep --collect</c>).</summary>
    public bool RestoreOnly { get; set; }

    /// <summary>The models no cache had: they must be trained.</summary>
    [Output]
    public ITaskItem[] ModelsToTrain { get; private set; } = [];

    /// <summary>The models restored from a cache.</summary>
    [Output]
    public ITaskItem[] RestoredModels { get; private set; } = [];

    /// <summary>Models no cache had that this build does not train (another shard's, or a restore-only build): left without outputs.</summary>
    [Output]
    public ITaskItem[] SkippedModels { get; private set; } = [];

    private protected override bool Run()
    {
        using var remote = OpenRemote(out var invalid);
        if (invalid)
        {
            return false;
        }
        var cache = new ModelCache(OpenLocal(), remote, Log, ProjectFile);
        var shard = ShardPlan.Read(Shard, ShardAssignments);
        var toTrain = new List<ITaskItem>();
        var restoredModels = new List<ITaskItem>();
        var skipped = new List<ITaskItem>();
        foreach (var item in Models)
        {
            var model = FingerprintedModel.From(item);
            if (cache.Restore(model.Name, model.Fingerprint, model.OutputDirectory, Cancellation) is not { } restored)
            {
                if (!RestoreOnly && (shard is null || shard.Owns(ShardPlan.ModelKind, model.Name)))
                {
                    toTrain.Add(item);
                    continue;
                }
                // Nothing of an earlier build may pass for this model's: the assembly must not embed it as current.
                ModelOutputFolder.Clear(model.OutputDirectory);
                ModelOutputs.DeleteCopies(model.Name, OutputModelsDirectory);
                Log.LogMessage(MessageImportance.High, RestoreOnly
                    ? $"ReproBuild: {model.Name} is in no cache (fingerprint {model.Fingerprint[..12]}); skipped, restore only"
                    : shard!.SkipMessage(ShardPlan.ModelKind, model.Name));
                skipped.Add(item);
                continue;
            }
            restoredModels.Add(item);
            ModelOutputs.DeleteCopies(model.Name, OutputModelsDirectory);
            Log.LogMessage(MessageImportance.High, $"ReproBuild: restored {model.Name} from {restored.From}, not trained: sha256 {restored.Record.Sha256[..12]}");
        }
        ModelsToTrain = [.. toTrain];
        RestoredModels = [.. restoredModels];
        SkippedModels = [.. skipped];
        return !Log.HasLoggedErrors;
    }
}
