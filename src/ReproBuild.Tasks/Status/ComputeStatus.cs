using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// The <c>ReproBuildStatus</c> target's task: for each dataset and model, whether the next build would inspect or
/// train it again and why, and whether it would rewrite the lock file. It checks the items as the build does and
/// compares what the build would write under obj/ with what is there, through the same code (stat cache, input
/// documents, fingerprints) — but writes nothing: not the input documents, not even the stat cache.
/// </summary>
public sealed class ComputeStatus : ReproBuildTask
{
    /// <summary>The project's <c>Dataset</c> items.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The version of a model that sets none: the project's <c>Version</c>.</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>The lock file (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary><c>$(OutDir)models/</c>, where the build copies the models.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildCacheDir)</c>: a stale model the cache holds is restored, not trained, and status says so.</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>The implementation assemblies of the projects this one references: where custom pipelines are found.</summary>
    public ITaskItem[] PipelineReferences { get; set; } = [];

    /// <summary>One item per dataset, per model and for the lock file; see <see cref="StatusEntry"/>.</summary>
    [Output]
    public ITaskItem[] Entries { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var layout = new IntermediateLayout(IntermediateDirectory);
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var datasets = DatasetItem.ParseAll(Datasets, problems);
        var models = ModelItem.ParseAll(Models, datasets.Select(d => d.Name).ToHashSet(StringComparer.Ordinal), DefaultVersion, problems);
        if (problems.ErrorCount > 0)
        {
            return false;
        }

        // Stat cache hits cost one stat; a file whose stat changed is hashed, and the result is not saved.
        var hashes = StatCache.Load(layout.StatCacheFile).Hash(datasets.SelectMany(DatasetInput.Files).ToArray());
        var entries = new List<StatusEntry>();
        var summaries = new Dictionary<string, DatasetSummary?>(StringComparer.Ordinal);
        var staleDatasets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            var entry = DatasetStatus.Check(dataset, hashes, layout, projectDirectory);
            entries.Add(entry);
            if (entry.Stale)
            {
                staleDatasets.Add(dataset.Name);
            }
            var summaryFile = layout.DatasetSummaryFile(dataset.Name);
            summaries[dataset.Name] = File.Exists(summaryFile) ? ReproJson.Read<DatasetSummary>(summaryFile) : null;
        }

        var locked = LockedDigests.Read(LockFile);
        var cache = CacheDirectory.Trim() is { Length: > 0 } cacheDirectory ? new Cache.CacheFolder(cacheDirectory) : null;
        var pipelines = Code.PipelineReferences.From(PipelineReferences);
        foreach (var model in models)
        {
            var pipeline = model.Pipeline is null ? null : pipelines.Resolve(Models.First(item => ModelItem.NameOf(item) == model.Name), model, problems);
            if (model.Pipeline is not null && pipeline is null)
            {
                continue;
            }
            var entry = ModelStatus.Check(model, summaries, staleDatasets, layout, OutputModelsDirectory, locked, pipeline?.Code);
            if (entry.Stale && entry.Metadata.GetValueOrDefault("Fingerprint") is { } fingerprint && cache?.Contains(Cache.CacheFolder.ActionKind, fingerprint) == true)
            {
                entry.Reasons.Add("the cache holds a model trained from these inputs: the next build restores it without training");
            }
            entries.Add(entry);
        }
        entries.Add(LockStatus(locked, summaries, models, staleDatasets));

        foreach (var entry in entries)
        {
            Log.LogMessage(MessageImportance.High, $"ReproBuild: {entry.Describe()}");
        }
        Entries = entries.Select(e => e.ToItem()).ToArray();
        return !Log.HasLoggedErrors;
    }

    private StatusEntry LockStatus(LockedDigests locked, Dictionary<string, DatasetSummary?> summaries, List<ModelItem> models, HashSet<string> staleDatasets)
    {
        var entry = new StatusEntry(StatusEntry.LockFileKind, Path.GetFileName(LockFile));
        entry.Metadata["File"] = Path.GetFullPath(LockFile);
        if (locked.Problem is not null)
        {
            entry.Reasons.Add(locked.Problem);
            return entry;
        }
        foreach (var (name, summary) in summaries.Where(s => !staleDatasets.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (summary is not null && locked.DatasetSha256.GetValueOrDefault(name) is var sha && sha != summary.Sha256)
            {
                entry.Reasons.Add(sha is null
                    ? $"dataset '{name}' is not in the lock file yet"
                    : $"dataset '{name}': the lock file records sha256 {InputChanges.Prefix(sha)}, the data has {InputChanges.Prefix(summary.Sha256)}");
            }
        }
        foreach (var name in locked.DatasetSha256.Keys.Where(n => !summaries.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            entry.Reasons.Add($"dataset '{name}' is in the lock file but no longer declared");
        }
        var declared = models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in locked.ModelFingerprints.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            entry.Reasons.Add($"model '{name}' is in the lock file but no longer declared");
        }
        return entry;
    }
}
