using Microsoft.Build.Framework;

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
        foreach (var model in Models.Select(FingerprintedModel.From))
        {
            if (File.Exists(model.ResultFile) && !cache.Contains(model.Fingerprint))
            {
                cache.Store(model.Name, model.Fingerprint, model.OutputDirectory, Cancellation);
            }
        }
        return !Log.HasLoggedErrors;
    }
}
