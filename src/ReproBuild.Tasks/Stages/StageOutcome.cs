namespace ReproBuild.Tasks.Stages;

/// <summary>What bringing a stage up to date came to (the build's summary names it, <c>last-build.json</c>).</summary>
internal enum StageOutcome
{
    Failed,
    UpToDate,
    Restored,
    Ran,

    /// <summary>A sharded build's stage that another shard runs and no cache had: it has no outputs.</summary>
    Skipped,
}
