using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks;

/// <summary>
/// The <c>ReproBuildStatus</c> target's task: for each stage, dataset and model, whether the next build would run,
/// inspect or train it again and why, and whether it would rewrite the lock file. It checks the items as the build
/// does and compares what the build would write under obj/ with what is there, through the same code (stat cache,
/// stage graph and fingerprints, input documents, model fingerprints) — but writes, builds and runs nothing: not the
/// input documents, not even the stat cache.
/// </summary>
public sealed class ComputeStatus : ReproBuildTask
{
    /// <summary>The project's <c>Stage</c> items.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>Each stage's input files, expanded by MSBuild from its Inputs metadata, with <c>StageName</c> (as for <see cref="RunStages"/>).</summary>
    public ITaskItem[] StageInputs { get; set; } = [];

    /// <summary>Each Command stage's Code files, expanded like <see cref="StageInputs"/>.</summary>
    public ITaskItem[] StageCode { get; set; } = [];

    /// <summary>
    /// The target paths of Project stages' programs (their projects' <c>GetTargetPath</c>, nothing built): a path
    /// with no file behind it is a program that has not been built yet.
    /// </summary>
    public ITaskItem[] StagePrograms { get; set; } = [];

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

    /// <summary>One item per stage (pipeline order), per dataset, per model and for the lock file; see <see cref="StatusEntry"/>.</summary>
    [Output]
    public ITaskItem[] Entries { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var layout = new IntermediateLayout(IntermediateDirectory);
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var builtPrograms = StagePrograms.Where(p => File.Exists(p.GetMetadata("FullPath")));
        if (PipelineItems.Parse(Stages, StageInputs, StageCode, builtPrograms, Datasets, Models, projectDirectory, DefaultVersion, problems) is not { } items)
        {
            return false;
        }
        var (graph, datasets, pending, models) = (items.Graph, items.Datasets, items.NotWritten, items.Models);

        // Stat cache hits cost one stat; a file whose stat changed is hashed, and the result is not saved.
        var statCache = StatCache.Load(layout.StatCacheFile);
        var cache = CacheDirectory.Trim() is { Length: > 0 } cacheDirectory ? new Cache.CacheFolder(cacheDirectory) : null;
        var entries = new List<StatusEntry>();
        var staleStages = new HashSet<string>(StringComparer.Ordinal);
        if (graph is not null)
        {
            var fingerprinter = new StageFingerprinter(projectDirectory, statCache, graph);
            foreach (var stage in graph.Order)
            {
                var entry = StageStatus.Check(stage, graph, fingerprinter, layout, projectDirectory, staleStages, cache);
                entries.Add(entry);
                if (entry.Stale)
                {
                    staleStages.Add(stage.Name);
                }
            }
        }
        string? StaleProducer(DatasetItem dataset) => items.Producer(dataset) is { } producer && staleStages.Contains(producer.Name) ? producer.Name : null;

        var hashes = statCache.Hash(datasets.SelectMany(DatasetInput.Files).ToArray());
        var summaries = new Dictionary<string, DatasetSummary?>(StringComparer.Ordinal);
        var staleDatasets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dataset in items.AllDatasets)
        {
            StatusEntry entry;
            if (pending.Contains(dataset))
            {
                entry = new StatusEntry(StatusEntry.DatasetKind, dataset.Name);
                entry.Metadata["File"] = dataset.FullPath;
                entry.Reasons.Add($"its file is written by stage '{items.Producer(dataset)!.Name}', which has not written it yet");
            }
            else
            {
                entry = DatasetStatus.Check(dataset, hashes, layout, projectDirectory);
                if (StaleProducer(dataset) is { } stage)
                {
                    entry.Reasons.Add($"its file is written by stage '{stage}', which will run again");
                }
            }
            entries.Add(entry);
            if (entry.Stale)
            {
                staleDatasets.Add(dataset.Name);
            }
            var summaryFile = layout.DatasetSummaryFile(dataset.Name);
            summaries[dataset.Name] = File.Exists(summaryFile) ? ReproJson.Read<DatasetSummary>(summaryFile) : null;
        }

        // Models record where their data comes from, read from the stages' records, as the build does.
        var lineage = graph is null ? StageLineage.None : StageLineage.Load(graph.Order.Select(s => layout.StageRecordFile(s.Name)));
        var byName = items.AllDatasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        (string?, IReadOnlyList<StageReference>?) Source(string name) =>
            byName.TryGetValue(name, out var dataset) ? (StaleProducer(dataset), lineage.Of(dataset.FullPath, projectDirectory)) : (null, null);

        var locked = LockedDigests.Read(LockFile);
        var pipelines = Code.PipelineReferences.From(PipelineReferences);
        foreach (var model in models)
        {
            var pipeline = model.Pipeline is null ? null : pipelines.Resolve(Models.First(item => ModelItem.NameOf(item) == model.Name), model, problems);
            if (model.Pipeline is not null && pipeline is null)
            {
                continue;
            }
            var entry = ModelStatus.Check(model, summaries, staleDatasets, Source, layout, OutputModelsDirectory, locked, pipeline?.Code);
            if (entry.Stale && entry.Metadata.GetValueOrDefault("Fingerprint") is { } fingerprint && cache?.Contains(Cache.CacheFolder.ActionKind, fingerprint) == true)
            {
                entry.Reasons.Add("the cache holds a model trained from these inputs: the next build restores it without training");
            }
            entries.Add(entry);
        }
        entries.Add(LockStatus(locked, summaries, models, staleDatasets, entries.Where(e => e.Kind == StatusEntry.StageKind).ToList()));

        foreach (var entry in entries)
        {
            Log.LogMessage(MessageImportance.High, $"ReproBuild: {entry.Describe()}");
        }
        Entries = entries.Select(e => e.ToItem()).ToArray();
        return !Log.HasLoggedErrors;
    }

    private StatusEntry LockStatus(LockedDigests locked, Dictionary<string, DatasetSummary?> summaries, IReadOnlyList<ModelItem> models, HashSet<string> staleDatasets, List<StatusEntry> stages)
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
        foreach (var stage in stages.Where(s => !s.Stale))
        {
            var fingerprint = stage.Metadata.GetValueOrDefault("Fingerprint");
            if (locked.StageFingerprints.GetValueOrDefault(stage.Name) is var lockedFingerprint && lockedFingerprint != fingerprint)
            {
                entry.Reasons.Add(lockedFingerprint is null
                    ? $"stage '{stage.Name}' is not in the lock file yet"
                    : $"stage '{stage.Name}': the lock file records fingerprint {InputChanges.Prefix(lockedFingerprint)}, the build would record {InputChanges.Prefix(fingerprint ?? "")}");
            }
        }
        foreach (var name in locked.StageFingerprints.Keys.Where(n => !stages.Any(s => s.Name == n)).Order(StringComparer.Ordinal))
        {
            entry.Reasons.Add($"stage '{name}' is in the lock file but no longer declared");
        }
        var declared = models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in locked.ModelFingerprints.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            entry.Reasons.Add($"model '{name}' is in the lock file but no longer declared");
        }
        return entry;
    }
}
