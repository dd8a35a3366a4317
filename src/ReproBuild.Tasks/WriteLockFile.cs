using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>Brings <c>repro.lock.json</c> up to date with what this build used and produced; writes only on change.</summary>
public sealed class WriteLockFile : Microsoft.Build.Utilities.Task, IIncrementalTask
{
    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them, trained.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them, inspected.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The lock file's path (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    public override bool Execute()
    {
        var datasets = new SortedDictionary<string, LockedDataset>(StringComparer.Ordinal);
        foreach (var item in Datasets)
        {
            var summary = ReproJson.Read<DatasetSummary>(item.GetMetadata("SummaryFile"));
            datasets[summary.Name] = new LockedDataset(summary.Sha256, summary.Size, summary.Rows);
        }
        var models = new SortedDictionary<string, LockedModel>(StringComparer.Ordinal);
        foreach (var item in Models)
        {
            var result = ReproJson.Read<ModelResult>(item.GetMetadata("ResultFile"));
            var inputs = ReproJson.Read<ModelInputs>(item.ItemSpec);
            models[item.GetMetadata("Name")] = new LockedModel(result.Fingerprint, result.Sha256, item.GetMetadata("Version"), result.Metrics, inputs);
        }

        var content = ReproJson.Serialize(new LockFile(ReproBuild.Tasks.LockFile.CurrentFormat, datasets, models));
        if (AtomicFile.WriteAllTextIfChanged(LockFile, content, dryRun: FailIfNotIncremental))
        {
            if (FailIfNotIncremental)
            {
                Log.LogError(null, ErrorCodes.NotUpToDate, null, LockFile, 0, 0, 0, 0, "The lock file is out of date and would be rewritten.");
                return false;
            }
            Log.LogMessage(MessageImportance.High, $"ReproBuild: updated {LockFile}");
        }
        return true;
    }
}
