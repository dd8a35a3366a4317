using Microsoft.Build.Framework;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks;

/// <summary>
/// A project's stages, datasets and models parsed and checked by the build's own parsers, for the tasks that read
/// the pipeline without running it (<see cref="ComputeStatus"/>, <see cref="DescribePipeline"/>). One difference
/// from the build: a dataset that a stage writes may not exist yet — the build runs the stage before it reads any
/// dataset — so it is <see cref="NotWritten"/> instead of an error.
/// </summary>
internal sealed record PipelineItems(
    IReadOnlyList<StageItem> Stages,
    StageGraph? Graph,
    IReadOnlyList<DatasetItem> Datasets,
    IReadOnlyList<DatasetItem> NotWritten,
    IReadOnlyList<ModelItem> Models)
{
    /// <returns>The items, or null when a problem was reported.</returns>
    public static PipelineItems? Parse(
        ITaskItem[] stages, ITaskItem[] stageInputs, ITaskItem[] stageCode, IEnumerable<ITaskItem> stagePrograms,
        ITaskItem[] datasets, ITaskItem[] models, string projectDirectory, string defaultVersion, ItemProblems problems)
    {
        var parsedStages = StageItem.ParseAll(stages, stageInputs, stageCode, stagePrograms, projectDirectory, problems);
        var graph = problems.ErrorCount == 0 && parsedStages.Count > 0 ? StageGraph.Build(parsedStages, projectDirectory, problems) : null;
        if (problems.ErrorCount > 0)
        {
            return null;
        }
        var notWritten = datasets.Where(d => graph?.Producers.ContainsKey(d.GetMetadata("FullPath")) == true && !File.Exists(d.GetMetadata("FullPath"))).ToList();
        var present = DatasetItem.ParseAll(datasets.Except(notWritten), problems);
        var pending = notWritten.Select(d => DatasetItem.Parse(d, problems)).OfType<DatasetItem>().ToList();
        var parsedModels = ModelItem.ParseAll(models, present.Concat(pending).Select(d => d.Name).ToHashSet(StringComparer.Ordinal), defaultVersion, problems);
        return problems.ErrorCount > 0 ? null : new PipelineItems(parsedStages, graph, present, pending, parsedModels);
    }

    /// <summary>Every dataset, the ones a stage has not written yet last.</summary>
    public IEnumerable<DatasetItem> AllDatasets => Datasets.Concat(NotWritten);

    /// <summary>The stage that writes a dataset's file, if one does.</summary>
    public StageItem? Producer(DatasetItem dataset) => Graph?.Producers.GetValueOrDefault(dataset.FullPath);
}
