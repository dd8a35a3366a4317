using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// The no-op build's one step: whether the pipeline stamp (an <see cref="InputStamp"/>) the last build in which nothing happened left
/// still holds. When it does, the pipeline's steps are skipped; when anything differs (an item, a setting, a file's size
/// or time, a missing stamp), they all run as usual and decide, each for itself, what to do.
/// </summary>
public sealed class CheckPipelineStamp : ReproBuildTask
{
    /// <summary>The project's <c>Dataset</c> items.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The properties that steer the pipeline, as one string (the targets list them once).</summary>
    public string Settings { get; set; } = "";

    /// <summary>The referenced projects' assemblies where custom pipelines are looked up (empty without one).</summary>
    public ITaskItem[] PipelineReferences { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>True when nothing the pipeline depends on changed since the stamp was written.</summary>
    [Output]
    public bool Current { get; private set; }

    private protected override bool Run()
    {
        var path = Path.Combine(IntermediateDirectory, WritePipelineStamp.FileName);
        if (InputStamp.Holds(path, KeyOf(Settings, PipelineReferences, Datasets, Models), out var stamp))
        {
            Current = true;
            Log.LogMessage(MessageImportance.Low, $"ReproBuild: nothing the pipeline depends on changed since the last build ({stamp!.Files.Count} files as recorded in '{path}'); its steps are skipped.");
        }
        return true;
    }

    /// <summary>The pipeline stamp's key; <see cref="WritePipelineStamp"/> writes the same.</summary>
    internal static string KeyOf(string settings, ITaskItem[] pipelineReferences, ITaskItem[] datasets, ITaskItem[] models) =>
        InputStamp.KeyOf([settings, .. pipelineReferences.Select(reference => Path.GetFullPath(reference.ItemSpec))], datasets, models);
}
