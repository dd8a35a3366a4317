using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Lock;

/// <summary>
/// Brings <c>repro.lock.json</c> up to date with what this build used and produced; writes only on change. In
/// locked mode it never writes: a lock that would change is an RB4001 error per differing entry.
/// </summary>
public sealed class WriteLockFile : ReproBuildTask, IIncrementalTask
{
    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them, trained.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them, inspected.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The pipeline stages as <see cref="Stages.RunStages"/> returned them.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>The lock file's path (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary><c>$(OutDir)models/</c>: copies of outputs that must not ship are removed from there too.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildLockedMode)</c>: compare instead of writing.</summary>
    public bool Locked { get; set; }

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    private protected override bool Run()
    {
        if (!OutputsAreCurrent())
        {
            return false;
        }
        var current = CurrentLock.From(Datasets, Models, trained: true, Stages);
        if (Locked)
        {
            return LockedComparison.Report(Log, LockFile, ProjectFile, "locked mode", current, inputsOnly: false);
        }

        if (AtomicFile.WriteAllTextIfChanged(LockFile, ReproJson.Serialize(current), dryRun: FailIfNotIncremental))
        {
            if (FailIfNotIncremental)
            {
                Log.LogError(null, ErrorCodes.NotUpToDate, null, LockFile, 0, 0, 0, 0, "The lock file is out of date and would be rewritten.");
                return false;
            }
            Log.LogMessage(MessageImportance.High, $"ReproBuild: updated {LockFile}");
        }
        return true;
    }

    /// <summary>
    /// The last check before anything is recorded or shipped: every model's outputs must be the ones its current inputs
    /// produce. Earlier steps make this hold; when something outside the build broke it, the outputs go and the build fails.
    /// </summary>
    private bool OutputsAreCurrent()
    {
        foreach (var model in Models.Select(FingerprintedModel.From))
        {
            var name = model.Name;
            if (ModelOutputCheck.Problem(name, model.Fingerprint, model.OutputDirectory, hashModel: false) is { } problem)
            {
                if (!FailIfNotIncremental)
                {
                    ModelOutputFolder.Clear(model.OutputDirectory);
                    ModelOutputs.DeleteCopies(name, OutputModelsDirectory);
                }
                Log.LogError(null, ErrorCodes.OutputsNotForCurrentInputs, null, ProjectFile, 0, 0, 0, 0,
                    $"Model '{name}' has outputs under obj/ that were not produced for its current inputs ({problem}); something outside this build wrote them. They were removed: build again.");
            }
        }
        return !Log.HasLoggedErrors;
    }
}
