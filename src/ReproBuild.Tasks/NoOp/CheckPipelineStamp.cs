using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// The no-op build's one step: whether the pipeline stamp (an <see cref="InputStamp"/>) the last build in which nothing happened left
/// still holds. When it does, the pipeline's steps are skipped; when anything differs (an item, a setting, a file's size
/// or time, a missing stamp), they all run as usual and decide, each for itself, what to do.
/// </summary>
public sealed class CheckPipelineStamp : PipelineStampTask
{
    /// <summary>True when nothing the pipeline depends on changed since the stamp was written.</summary>
    [Output]
    public bool Current { get; private set; }

    private protected override bool Run()
    {
        if (InputStamp.Holds(StampFile, Key(), out var stamp))
        {
            Current = true;
            Log.LogMessage(MessageImportance.Low, $"ReproBuild: nothing the pipeline depends on changed since the last build ({stamp!.Files.Count} files as recorded in '{StampFile}'); its steps are skipped.");
        }
        return true;
    }
}
