using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Lock;

/// <summary>The lock file as this build would write it, from the items the pipeline's tasks returned.</summary>
internal static class CurrentLock
{
    /// <param name="datasets">Datasets as <see cref="HashDatasets"/> returned them, inspected.</param>
    /// <param name="models">Models as <see cref="ComputeModelFingerprints"/> returned them.</param>
    /// <param name="trained">Whether the models have been trained: before training, digests and metrics are left empty.</param>
    /// <param name="stages">Stages as <see cref="Stages.RunStages"/> returned them: each names its record.</param>
    public static LockFile From(IEnumerable<ITaskItem> datasets, IEnumerable<ITaskItem> models, bool trained, IEnumerable<ITaskItem>? stages = null)
    {
        var lockedDatasets = new SortedDictionary<string, LockedDataset>(StringComparer.Ordinal);
        foreach (var item in datasets)
        {
            var summary = ReproJson.Read<DatasetSummary>(HashedDataset.From(item).SummaryFile);
            lockedDatasets[summary.Name] = new LockedDataset(summary.Sha256, summary.Size, summary.Rows);
        }
        var lockedModels = new SortedDictionary<string, LockedModel>(StringComparer.Ordinal);
        foreach (var model in models.Select(FingerprintedModel.From))
        {
            var inputs = ReproJson.Read<ModelInputs>(model.InputsFile);
            var result = trained ? ReproJson.Read<ModelResult>(model.ResultFile) : null;
            lockedModels[model.Name] = new LockedModel(
                model.Fingerprint,
                result?.Sha256 ?? "",
                model.Version,
                result?.Metrics ?? new SortedDictionary<string, double?>(StringComparer.Ordinal),
                inputs);
        }
        var lockedStages = new SortedDictionary<string, LockedStage>(StringComparer.Ordinal);
        foreach (var stage in stages ?? [])
        {
            var record = Stages.StageRecord.Read(stage.GetMetadata("RecordFile"))
                ?? throw new IOException($"The record of stage '{stage.ItemSpec}' ('{stage.GetMetadata("RecordFile")}') is missing or unreadable; build again.");
            lockedStages[stage.ItemSpec] = LockedStage.From(record.Stage);
        }
        return new LockFile(LockFile.CurrentFormat, lockedDatasets, lockedModels, lockedStages.Count == 0 ? null : lockedStages);
    }
}
