using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Lock;

/// <summary>
/// Brings <c>repro.lock.json</c> up to date with what this build used and produced; writes only on change. In
/// locked mode it never writes: a lock that would change is an RB4001 error per differing entry.
/// </summary>
public sealed class WriteLockFile : Microsoft.Build.Utilities.Task, IIncrementalTask
{
    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them, trained.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them, inspected.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The lock file's path (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>The project file, where a missing lock file is reported in locked mode.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary><c>$(ReproBuildLockedMode)</c>: compare instead of writing.</summary>
    public bool Locked { get; set; }

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    public override bool Execute()
    {
        var current = CurrentLock.From(Datasets, Models, trained: true);
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
}
