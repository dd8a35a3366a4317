using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>
/// A model as <see cref="ComputeModelFingerprints"/> hands it to the rest of the pipeline. As an item its identity is
/// its inputs document (the training target's Inputs, so MSBuild can pass just the models whose inputs changed) and
/// the rest is metadata — <c>%(ModelFile)</c> is the training target's Outputs; this is the one mapping to and from
/// that metadata.
/// </summary>
internal sealed record FingerprintedModel(
    string InputsFile,
    string Name,
    string Fingerprint,
    string Version,
    string OutputDirectory,
    string ModelFile,
    string ResultFile,
    string TrainDataFile,
    string TrainSummaryFile,
    string? TestDataFile,
    string? TestSummaryFile,
    string? PipelineAssembly = null)
{
    public ITaskItem ToItem()
    {
        var item = new TaskItem(InputsFile);
        item.SetMetadata("Name", Name);
        item.SetMetadata("Fingerprint", Fingerprint);
        item.SetMetadata("Version", Version);
        item.SetMetadata("OutputDirectory", OutputDirectory);
        item.SetMetadata("ModelFile", ModelFile);
        item.SetMetadata("ResultFile", ResultFile);
        item.SetMetadata("TrainDataFile", TrainDataFile);
        item.SetMetadata("TrainSummaryFile", TrainSummaryFile);
        item.SetMetadata("TestDataFile", TestDataFile ?? "");
        item.SetMetadata("TestSummaryFile", TestSummaryFile ?? "");
        item.SetMetadata("PipelineAssembly", PipelineAssembly ?? "");
        return item;
    }

    public static FingerprintedModel From(ITaskItem item) =>
        new(
            item.ItemSpec,
            item.GetMetadata("Name"),
            item.GetMetadata("Fingerprint"),
            item.GetMetadata("Version"),
            item.GetMetadata("OutputDirectory"),
            item.GetMetadata("ModelFile"),
            item.GetMetadata("ResultFile"),
            item.GetMetadata("TrainDataFile"),
            item.GetMetadata("TrainSummaryFile"),
            HashedDataset.NullIfEmpty(item.GetMetadata("TestDataFile")),
            HashedDataset.NullIfEmpty(item.GetMetadata("TestSummaryFile")),
            HashedDataset.NullIfEmpty(item.GetMetadata("PipelineAssembly")));
}
