using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks;

/// <summary>
/// The <c>ReproBuildGetPipeline</c> target's task: the project's pipeline as items — stages with the files they read
/// and write, datasets with their files and the stage that writes them, models with their datasets — parsed and
/// checked by the build's own parsers and stage graph. It reads items only, so it answers for a project that was
/// never built; it writes nothing. The item contract is at the top of build/ReproBuild.Dag.targets.
/// </summary>
public sealed class DescribePipeline : ReproBuildTask
{
    public const string StageKind = "Stage";
    public const string DatasetKind = "Dataset";
    public const string ModelKind = "Model";

    /// <summary>The project's <c>Stage</c> items.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>Each stage's input files, expanded by MSBuild, with <c>StageName</c>.</summary>
    public ITaskItem[] StageInputs { get; set; } = [];

    /// <summary>Each Command stage's Code files, expanded by MSBuild, with <c>StageName</c>.</summary>
    public ITaskItem[] StageCode { get; set; } = [];

    /// <summary>The project's <c>Dataset</c> items.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The version of a model that sets none (parsing a model needs it; the description does not show it).</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>Stages in pipeline order, then datasets, then models; see build/ReproBuild.Dag.targets.</summary>
    [Output]
    public ITaskItem[] Pipeline { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        if (PipelineItems.Parse(Stages, StageInputs, StageCode, [], Datasets, Models, projectDirectory, DefaultVersion, problems) is not { } items)
        {
            return false;
        }
        string Relative(string path) => ProjectPaths.Relative(projectDirectory, path);
        var described = new List<ITaskItem>();
        foreach (var stage in items.Graph?.Order ?? [])
        {
            described.Add(Item(stage.Name, StageKind, new()
            {
                ["StageKind"] = stage.Kind,
                ["Program"] = stage.Program,
                ["Inputs"] = Lines(stage.Inputs.Select(Relative)),
                ["Code"] = Lines(stage.Code.Select(Relative)),
                ["Outputs"] = Lines(stage.Outputs.Select(Relative)),
                ["Parameters"] = Lines(stage.Parameters.Select(p => $"{p.Key}={p.Value}")),
                ["Seed"] = stage.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Upstream"] = Lines(items.Graph!.Upstream[stage.Name]),
            }));
        }
        foreach (var dataset in items.AllDatasets)
        {
            described.Add(Item(dataset.Name, DatasetKind, new()
            {
                ["File"] = Relative(dataset.FullPath),
                ["Stage"] = items.Producer(dataset)?.Name ?? "",
            }));
        }
        foreach (var model in items.Models)
        {
            described.Add(Item(model.Name, ModelKind, new()
            {
                ["Task"] = model.Task,
                ["Trainer"] = model.Trainer,
                ["Dataset"] = model.Dataset,
                ["TestDataset"] = model.TestDataset ?? "",
            }));
        }
        Pipeline = [.. described];
        return !Log.HasLoggedErrors;
    }

    private static string Lines(IEnumerable<string> values) => string.Join("\n", values);

    private static ITaskItem Item(string name, string kind, Dictionary<string, string> metadata)
    {
        ITaskItem2 item = new TaskItem(name);
        // Literal values: command lines and paths may hold '%' or ';'.
        item.SetMetadataValueLiteral("Kind", kind);
        foreach (var (key, value) in metadata)
        {
            item.SetMetadataValueLiteral(key, value);
        }
        return item;
    }
}
