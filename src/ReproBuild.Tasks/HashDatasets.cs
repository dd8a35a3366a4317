using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the <c>Dataset</c> items and records, per dataset, everything that decides its inspection (content
/// hash, format, engine version) in a small input file under obj/ that is rewritten only when it changes: that
/// file is what the inspection target's Inputs compare. Content hashes come through the stat cache.
/// </summary>
public sealed class HashDatasets : ReproBuildTask, IIncrementalTask
{
    /// <summary>The project's <c>Dataset</c> items.</summary>
    [Required]
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>Verify mode: forget the stat cache and hash every file again.</summary>
    public bool Rehash { get; set; }

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    /// <summary>One item per dataset (identity: its input file) with Name, DataFile and SummaryFile metadata.</summary>
    [Output]
    public ITaskItem[] HashedDatasets { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var datasets = DatasetItem.ParseAll(Datasets, problems);
        if (problems.ErrorCount > 0)
        {
            return false;
        }

        var layout = new IntermediateLayout(IntermediateDirectory);
        if (Rehash && File.Exists(layout.StatCacheFile))
        {
            File.Delete(layout.StatCacheFile);
        }
        var cache = StatCache.Load(layout.StatCacheFile);
        var files = datasets.Select(d => d.FullPath).Concat(datasets.Where(d => d.SchemaFile is not null).Select(d => d.SchemaFile!)).ToArray();
        var hashes = cache.Hash(files);

        var outputs = new List<ITaskItem>();
        foreach (var dataset in datasets)
        {
            var input = ReproJson.Serialize(DatasetInput.Create(dataset, hashes));
            var inputFile = layout.DatasetInputFile(dataset.Name);
            if (AtomicFile.WriteAllTextIfChanged(inputFile, input, dryRun: FailIfNotIncremental) && FailIfNotIncremental)
            {
                Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, $"Dataset '{dataset.Name}' changed since the last build and must be inspected again.");
            }

            outputs.Add(new HashedDataset(
                inputFile, dataset.Name, dataset.FullPath, dataset.Separator, dataset.HasHeader,
                layout.DatasetSummaryFile(dataset.Name), layout.DatasetReportFile(dataset.Name), dataset.SchemaFile, dataset.SchemaResource).ToItem());
        }

        if (!FailIfNotIncremental)
        {
            cache.SaveIfChanged();
        }
        HashedDatasets = [.. outputs];
        return !Log.HasLoggedErrors;
    }
}
