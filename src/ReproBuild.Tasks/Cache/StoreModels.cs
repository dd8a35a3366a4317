using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// After training: adds each model that trained to the local cache and pushes it to the remote. A model already
/// in the local cache under its fingerprint is skipped, so that this can also run over every model — after a
/// training run that failed part-way, to keep the models that did train, and in every build, so that a model a
/// killed build left complete in obj/ is cached too.
/// </summary>
public sealed class StoreModels : CacheTask
{
    /// <summary>The models just trained; one that failed (no outputs) is skipped.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    private protected override bool Run()
    {
        using var remote = OpenRemote(out var invalid);
        if (invalid)
        {
            return false;
        }
        var local = OpenLocal();
        if (local is null && remote is null)
        {
            return true;
        }
        var cache = new ModelCache(local, remote, Log, ProjectFile);
        var layout = new IntermediateLayout(IntermediateDirectory);
        foreach (var model in Models)
        {
            var name = model.GetMetadata("Name");
            if (File.Exists(layout.ModelOutputFile(name, ModelOutputFiles.Result)) && !cache.Contains(model.GetMetadata("Fingerprint")))
            {
                cache.Store(name, model.GetMetadata("Fingerprint"), layout.ModelOutputDirectory(name), Cancellation);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
