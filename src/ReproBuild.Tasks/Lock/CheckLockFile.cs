using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Lock;

/// <summary>
/// Locked mode (<c>ReproBuildLockedMode</c>, on by default in CI): before anything trains, fails when the datasets
/// or any model's inputs differ from the committed <c>repro.lock.json</c>, with one RB4001 error per differing
/// entry that lists exactly what differs. A build that would change the lock fails instead of rewriting it.
/// </summary>
public sealed class CheckLockFile : ReproBuildTask
{
    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them, inspected.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The pipeline stages as <see cref="Stages.RunStages"/> returned them (each already checked against the lock as it ran).</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>The lock file's path (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>Why the lock may not change, for the messages: locked mode or verify mode.</summary>
    public string Reason { get; set; } = "locked mode";

    /// <summary>A sharded build (<c>$(ReproBuildShard)</c>): the models and stages it skipped are not compared.</summary>
    public bool Sharded { get; set; }

    private protected override bool Run() =>
        LockedComparison.Report(Log, LockFile, ProjectFile, Reason, CurrentLock.From(Datasets, Models, trained: false, Stages), inputsOnly: true, partial: Sharded);
}
