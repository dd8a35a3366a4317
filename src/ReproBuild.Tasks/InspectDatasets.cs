using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Has the engine read, check and summarise the datasets whose content changed (the target passes only those).
/// Models trained on a changed dataset lose their outputs first: if the new data fails its checks, no model from
/// the old data is left behind looking current.
/// </summary>
public sealed class InspectDatasets : EngineTask
{
    /// <summary>The datasets to inspect, as <see cref="HashDatasets"/> returned them.</summary>
    [Required]
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items, to find those that depend on a changed dataset.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary><c>$(OutDir)models/</c>, where copies of the models live.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    protected override string Command => "inspect";

    // A model on a changed dataset is trained (or restored from the cache) later in this build: the engine waits for it.
    private protected override bool EngineNeededLater => _modelsOnChangedData;

    private bool _modelsOnChangedData;

    private protected override object? CreateRequest()
    {
        if (Datasets.Length == 0)
        {
            return null;
        }
        var datasets = Datasets.Select(HashedDataset.From).ToArray();
        var changed = datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var model in Models)
        {
            if (changed.Contains(ModelItem.DatasetName(model, "Dataset") ?? "") || changed.Contains(ModelItem.DatasetName(model, "TestDataset") ?? ""))
            {
                ModelOutputs.Delete(Layout, ModelItem.NameOf(model), OutputModelsDirectory);
                _modelsOnChangedData = true;
            }
        }
        return new InspectRequest(
            ProjectFile,
            Layout.EngineLogFile,
            datasets.Select(d => new DatasetJob(d.Name, d.DataFile, d.Separator, d.HasHeader, d.SummaryFile, d.SchemaFile, d.SchemaResource, d.ReportFile)).ToArray());
    }
}
