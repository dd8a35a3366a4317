using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// What <see cref="CheckPipelineStamp"/> and <see cref="WritePipelineStamp"/> both take, and the one key they compute
/// from it: every item and setting the pipeline's steps are given before they look at any file.
/// </summary>
public abstract class PipelineStampTask : ReproBuildTask
{
    /// <summary>The project's <c>Dataset</c> items.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The properties that steer the pipeline, as one string (the targets list them once).</summary>
    public string Settings { get; set; } = "";

    /// <summary>The referenced projects' assemblies where custom pipelines are looked up (empty without one).</summary>
    public ITaskItem[] PipelineReferences { get; set; } = [];

    /// <summary>The project's <c>Stage</c> items.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>Each stage's <c>Inputs</c> as MSBuild expanded them: a file a glob newly matches changes the key.</summary>
    public ITaskItem[] StageInputs { get; set; } = [];

    /// <summary>Each stage's <c>Code</c> as MSBuild expanded them.</summary>
    public ITaskItem[] StageCode { get; set; } = [];

    /// <summary>The Project stages' program assemblies.</summary>
    public ITaskItem[] StagePrograms { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    internal const string FileName = "pipeline.stamp";

    private protected string StampFile => Path.Combine(IntermediateDirectory, FileName);

    private protected string Key() =>
        InputStamp.KeyOf([Settings, .. PipelineReferences.Select(reference => Path.GetFullPath(reference.ItemSpec))],
            Datasets, Models, Stages, StageInputs, StageCode, StagePrograms);
}
