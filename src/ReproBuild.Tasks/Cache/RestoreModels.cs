using Microsoft.Build.Framework;

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

    /// <summary>The models no cache had: they must be trained.</summary>
    [Output]
    public ITaskItem[] ModelsToTrain { get; private set; } = [];

    private protected override bool Run()
    {
        using var remote = OpenRemote(out var invalid);
        if (invalid)
        {
            return false;
        }
        var cache = new ModelCache(OpenLocal(), remote, Log, ProjectFile);
        var toTrain = new List<ITaskItem>();
        foreach (var item in Models)
        {
            var model = FingerprintedModel.From(item);
            if (cache.Restore(model.Name, model.Fingerprint, model.OutputDirectory, Cancellation) is not { } restored)
            {
                toTrain.Add(item);
                continue;
            }
            ModelOutputs.DeleteCopies(model.Name, OutputModelsDirectory);
            Log.LogMessage(MessageImportance.High, $"ReproBuild: restored {model.Name} from {restored.From}, not trained: sha256 {restored.Record.Sha256[..12]}");
        }
        ModelsToTrain = [.. toTrain];
        return !Log.HasLoggedErrors;
    }
}
