using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Lock;
using ReproBuild.Tasks.Shards;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Brings every pipeline stage up to date, upstream first: a stage whose fingerprint and outputs match its record is
/// left alone (one stat per file, no process); otherwise its outputs are restored from the cache by fingerprint, or
/// its program runs and what it wrote goes into the cache. Stages that do not depend on each other run at the same
/// time, as many as there are cores. Locked mode refuses a stage whose inputs differ from the lock file; verify mode
/// runs every stage and fails when an output's bytes differ from the lock's.
/// </summary>
public sealed class RunStages : CacheTask, IIncrementalTask
{
    /// <summary>The project's <c>Stage</c> items.</summary>
    [Required]
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>Each stage's input files, expanded by MSBuild from its Inputs metadata (globs included), with <c>StageName</c>.</summary>
    public ITaskItem[] StageInputs { get; set; } = [];

    /// <summary>Each Command stage's Code files, expanded like <see cref="StageInputs"/>.</summary>
    public ITaskItem[] StageCode { get; set; } = [];

    /// <summary>The compiled programs of Project stages, as their projects' Build target returned them.</summary>
    public ITaskItem[] StagePrograms { get; set; } = [];

    /// <summary>The project's <c>Dataset</c> items: one that names a stage must be one of its outputs.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>ReproBuild.Engine.dll: it runs each program, tied to the build.</summary>
    [Required]
    public string EngineAssembly { get; set; } = "";

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildRunsDirectory)</c>: each stage run is recorded under its <c>stages/</c> folder.</summary>
    public string RunsDirectory { get; set; } = "";

    /// <summary>The lock file (<c>$(ReproBuildLockFile)</c>), read in locked and verify mode.</summary>
    public string LockFile { get; set; } = "";

    /// <summary><c>$(ReproBuildLockedMode)</c>: a stage whose inputs or outputs differ from the lock file is an error.</summary>
    public bool Locked { get; set; }

    /// <summary><c>$(ReproBuildVerify)</c>: run every stage, without the cache, and compare its outputs with the lock's.</summary>
    public bool Verify { get; set; }

    /// <summary>Set by <c>dotnet build -question</c>: a stage that would run or be restored is an error instead.</summary>
    public bool FailIfNotIncremental { get; set; }

    /// <summary>
    /// <c>$(ReproBuildShard)</c>: this shard runs its own stages and those upstream of its own models and stages; any
    /// other stage is restored from the cache, or skipped.
    /// </summary>
    public string Shard { get; set; } = "";

    /// <summary>The deal of a sharded build, as <see cref="AssignShard"/> made it.</summary>
    public ITaskItem[] ShardAssignments { get; set; } = [];

    /// <summary>The project's <c>Model</c> items: in a sharded build, the stages this shard's models read from run here.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary><c>$(OutDir)models/</c>: a skipped model's copies there are removed.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary>One item per stage (identity: its name) with <c>RecordFile</c>: what its outputs were made from; <c>Outcome</c>: UpToDate, Restored or Ran.</summary>
    [Output]
    public ITaskItem[] StageRecords { get; private set; } = [];

    /// <summary>A sharded build's skipped stages (identity: name).</summary>
    [Output]
    public ITaskItem[] SkippedStages { get; private set; } = [];

    /// <summary>The <c>Dataset</c> items a skipped stage would have written: the build does not read them.</summary>
    [Output]
    public ITaskItem[] SkippedDatasets { get; private set; } = [];

    /// <summary>The <c>Model</c> items that read a skipped dataset: another shard's, left without outputs.</summary>
    [Output]
    public ITaskItem[] SkippedModels { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var stages = StageItem.ParseAll(Stages, StageInputs, StageCode, StagePrograms, projectDirectory, problems);
        if (problems.ErrorCount > 0 || StageGraph.Build(stages, projectDirectory, problems) is not { } graph || !DatasetsMatchTheirStages(graph, problems))
        {
            return false;
        }
        if (stages.FirstOrDefault(s => s.Kind == StageItem.ProjectKind && s.ProgramAssembly is null) is { } unbuilt)
        {
            problems.ErrorAtElement(unbuilt.Item, StageItem.ItemType, ErrorCodes.StageProjectNotFound, $"Stage '{unbuilt.Name}': building '{unbuilt.Program}' gave no program to run; it must be a console application (OutputType Exe).");
            return false;
        }

        LockFile? committed = null;
        if (Locked || Verify)
        {
            try
            {
                committed = Lock.LockFile.Read(LockFile);
            }
            catch (LockFileException e)
            {
                Log.LogError(null, ErrorCodes.LockFileUnreadable, null, LockFile, 0, 0, 0, 0, e.Message);
                return false;
            }
        }

        var layout = new IntermediateLayout(IntermediateDirectory);
        var statCache = StatCache.Load(layout.StatCacheFile);
        var deferred = new DeferredLog();
        var remote = OpenRemote(out var invalidRemote);
        if (invalidRemote)
        {
            return false;
        }
        using (remote)
        {
            var context = new StageContext(
                projectDirectory, layout, new StageFingerprinter(projectDirectory, statCache, graph),
                new StageRunner(EngineAssembly, layout, projectDirectory, deferred),
                Verify || FailIfNotIncremental ? null : new StageCache(OpenLocal(), remote, deferred, ProjectFile, projectDirectory),
                deferred, committed, LockFile, Locked, Verify, RunsDirectory, FailIfNotIncremental, ProjectFile);
            var shard = ShardPlan.Read(Shard, ShardAssignments);
            var mayRun = shard is null ? null : StagesThisShardRuns(shard, graph, projectDirectory);
            var outcomes = Schedule(graph, context, problems, mayRun, shard);
            if (!FailIfNotIncremental)
            {
                statCache.SaveIfChanged();
            }
            StageRecords = [.. graph.Order.Where(s => outcomes.GetValueOrDefault(s.Name) is StageOutcome.UpToDate or StageOutcome.Restored or StageOutcome.Ran).Select(s =>
            {
                var item = new TaskItem(s.Name);
                item.SetMetadata("RecordFile", layout.StageRecordFile(s.Name));
                item.SetMetadata("Outcome", outcomes[s.Name].ToString());
                return (ITaskItem)item;
            })];
            if (shard is not null)
            {
                SkipWhatReadsSkippedStages(shard, graph, outcomes, layout);
            }
            return outcomes.Values.All(outcome => outcome != StageOutcome.Failed) && !Log.HasLoggedErrors;
        }
    }

    /// <summary>
    /// Starts each stage as soon as every stage it reads from has succeeded, up to one per core; a stage whose upstream
    /// failed is not started. Logs on this thread, as the workers report.
    /// </summary>
    private Dictionary<string, StageOutcome> Schedule(StageGraph graph, StageContext context, ItemProblems problems, HashSet<string>? mayRun, ShardPlan? shard)
    {
        var outcomes = new Dictionary<string, StageOutcome>(StringComparer.Ordinal);
        var running = new Dictionary<string, System.Threading.Tasks.Task<StageOutcome>>(StringComparer.Ordinal);
        var waiting = graph.Order.ToList();
        var slots = Math.Max(1, Environment.ProcessorCount);
        while (waiting.Count > 0 || running.Count > 0)
        {
            foreach (var stage in waiting.ToList())
            {
                var upstream = graph.Upstream[stage.Name];
                if (Cancellation.IsCancellationRequested || upstream.Any(name => outcomes.TryGetValue(name, out var outcome) && outcome == StageOutcome.Failed))
                {
                    outcomes[stage.Name] = StageOutcome.Failed;
                    waiting.Remove(stage);
                }
                else if (upstream.Any(name => outcomes.TryGetValue(name, out var outcome) && outcome == StageOutcome.Skipped))
                {
                    // Its inputs are not there to fingerprint; only another shard's stage can be downstream of a skipped one.
                    outcomes[stage.Name] = StageOutcome.Skipped;
                    waiting.Remove(stage);
                }
                else if (running.Count < slots && upstream.All(outcomes.ContainsKey))
                {
                    var runsHere = mayRun?.Contains(stage.Name) ?? true;
                    running[stage.Name] = System.Threading.Tasks.Task.Run(() => context.BringUpToDate(stage, Cancellation, runsHere));
                    waiting.Remove(stage);
                }
            }
            if (running.Count > 0)
            {
                System.Threading.Tasks.Task.WaitAny([.. running.Values], 50);
            }
            context.Log.Flush(Log, problems);
            foreach (var (name, task) in running.Where(r => r.Value.IsCompleted).ToList())
            {
                outcomes[name] = task.Status == TaskStatus.RanToCompletion ? task.Result : StageOutcome.Failed;
                if (task.Exception?.InnerException is { } failure)
                {
                    // Rethrown on this thread: a file-system failure becomes RB4013 as anywhere else in the task.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                }
                running.Remove(name);
            }
        }
        context.Log.Flush(Log, problems);
        foreach (var stage in graph.Order.Where(s => shard is not null && outcomes.GetValueOrDefault(s.Name) == StageOutcome.Skipped))
        {
            Log.LogMessage(MessageImportance.High, shard!.SkipMessage(ShardPlan.StageKind, stage.Name));
        }
        if (Cancellation.IsCancellationRequested)
        {
            Log.LogWarning(null, null, null, ProjectFile, 0, 0, 0, 0, "ReproBuild: the build was cancelled; running stages were stopped and kept no outputs.");
        }
        return outcomes;
    }

    /// <summary>
    /// The stages a shard may run: its own, the ones its own models read from, and everything upstream of those — a
    /// shard never waits for another; what it needs and no cache has, it makes (the same bytes another shard would).
    /// </summary>
    private HashSet<string> StagesThisShardRuns(ShardPlan shard, StageGraph graph, string projectDirectory)
    {
        var datasetFiles = DatasetFilesByName();
        var needed = new Stack<string>(graph.Order.Where(s => shard.Owns(ShardPlan.StageKind, s.Name)).Select(s => s.Name));
        foreach (var model in Models.Where(m => shard.Owns(ShardPlan.ModelKind, ModelItem.NameOf(m))))
        {
            foreach (var dataset in new[] { ModelItem.DatasetName(model, "Dataset"), ModelItem.DatasetName(model, "TestDataset") })
            {
                if (dataset is not null && datasetFiles.TryGetValue(dataset, out var file) && graph.Producers.GetValueOrDefault(file) is { } producer)
                {
                    needed.Push(producer.Name);
                }
            }
        }
        var runs = new HashSet<string>(StringComparer.Ordinal);
        while (needed.TryPop(out var name))
        {
            if (runs.Add(name))
            {
                foreach (var upstream in graph.Upstream[name])
                {
                    needed.Push(upstream);
                }
            }
        }
        return runs;
    }

    /// <summary>Datasets a skipped stage would have written are not read, and the models that train on them are skipped.</summary>
    private void SkipWhatReadsSkippedStages(ShardPlan shard, StageGraph graph, Dictionary<string, StageOutcome> outcomes, IntermediateLayout layout)
    {
        var missing = graph.Order.Where(s => outcomes.GetValueOrDefault(s.Name) == StageOutcome.Skipped).SelectMany(s => s.Outputs).ToHashSet(StringComparer.Ordinal);
        SkippedStages = [.. graph.Order.Where(s => outcomes.GetValueOrDefault(s.Name) == StageOutcome.Skipped).Select(s => (ITaskItem)new TaskItem(s.Name))];
        SkippedDatasets = [.. Datasets.Where(d => missing.Contains(d.GetMetadata("FullPath")))];
        var skippedNames = SkippedDatasets.Select(d => DatasetItem.Parse(d, ItemProblems.Silent)?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        SkippedModels = [.. Models.Where(m => new[] { ModelItem.DatasetName(m, "Dataset"), ModelItem.DatasetName(m, "TestDataset") }.Any(d => d is not null && skippedNames.Contains(d)))];
        foreach (var model in SkippedModels)
        {
            var name = ModelItem.NameOf(model);
            // Not fingerprinted in this build, so an earlier build's outputs would pass for current: they go.
            ModelOutputs.Delete(layout, name, OutputModelsDirectory);
            Log.LogMessage(MessageImportance.High, shard.SkipMessage(ShardPlan.ModelKind, name));
        }
    }

    private Dictionary<string, string> DatasetFilesByName()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dataset in Datasets.Select(d => DatasetItem.Parse(d, ItemProblems.Silent)).OfType<DatasetItem>())
        {
            files.TryAdd(dataset.Name, dataset.FullPath);
        }
        return files;
    }

    /// <summary>A Dataset that names a stage (<c>Stage="Prepare"</c>) must be one of that stage's outputs.</summary>
    private bool DatasetsMatchTheirStages(StageGraph graph, ItemProblems problems)
    {
        foreach (var dataset in Datasets)
        {
            if (DatasetItem.Metadata(dataset, "Stage") is not { } stageName)
            {
                continue;
            }
            var file = dataset.GetMetadata("FullPath");
            if (!graph.Order.Any(s => s.Name == stageName))
            {
                problems.ErrorAtElement(dataset, "Dataset", ErrorCodes.DatasetStageMismatch, $"Dataset '{dataset.ItemSpec}' names Stage '{stageName}', but the project has no such stage.");
            }
            else if (graph.Producers.GetValueOrDefault(file)?.Name != stageName)
            {
                problems.ErrorAtElement(dataset, "Dataset", ErrorCodes.DatasetStageMismatch, $"Dataset '{dataset.ItemSpec}' names Stage '{stageName}', but '{file}' is not one of that stage's Outputs.");
            }
        }
        return problems.ErrorCount == 0;
    }
}
