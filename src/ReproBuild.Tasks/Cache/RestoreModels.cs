using Microsoft.Build.Framework;
using ReproBuild.Protocol;

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

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

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
        var layout = new IntermediateLayout(IntermediateDirectory);
        var toTrain = new List<ITaskItem>();
        foreach (var model in Models)
        {
            var name = model.GetMetadata("Name");
            if (cache.Restore(name, model.GetMetadata("Fingerprint"), layout.ModelOutputDirectory(name), Cancellation) is not { } restored)
            {
                toTrain.Add(model);
                continue;
            }
            ModelOutputs.DeleteCopies(name, OutputModelsDirectory);
            var result = ReproJson.Read<ModelResult>(layout.ModelOutputFile(name, ModelOutputFiles.Result));
            Log.LogMessage(MessageImportance.High, $"ReproBuild: restored {name} from {restored.From}, not trained: sha256 {result.Sha256[..12]}");
        }
        ModelsToTrain = [.. toTrain];
        return !Log.HasLoggedErrors;
    }
}
