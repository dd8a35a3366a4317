using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Lock;

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

    /// <summary>One item per stage (identity: its name) with <c>RecordFile</c>: what its outputs were made from.</summary>
    [Output]
    public ITaskItem[] StageRecords { get; private set; } = [];

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
            var outcomes = Schedule(graph, context, problems);
            if (!FailIfNotIncremental)
            {
                statCache.SaveIfChanged();
            }
            StageRecords = [.. graph.Order.Where(s => outcomes.GetValueOrDefault(s.Name)).Select(s =>
            {
                var item = new TaskItem(s.Name);
                item.SetMetadata("RecordFile", layout.StageRecordFile(s.Name));
                return (ITaskItem)item;
            })];
            return outcomes.Values.All(ok => ok) && !Log.HasLoggedErrors;
        }
    }

    /// <summary>
    /// Starts each stage as soon as every stage it reads from has succeeded, up to one per core; a stage whose upstream
    /// failed is not started. Logs on this thread, as the workers report.
    /// </summary>
    private Dictionary<string, bool> Schedule(StageGraph graph, StageContext context, ItemProblems problems)
    {
        var outcomes = new Dictionary<string, bool>(StringComparer.Ordinal);
        var running = new Dictionary<string, System.Threading.Tasks.Task<bool>>(StringComparer.Ordinal);
        var waiting = graph.Order.ToList();
        var slots = Math.Max(1, Environment.ProcessorCount);
        while (waiting.Count > 0 || running.Count > 0)
        {
            foreach (var stage in waiting.ToList())
            {
                var upstream = graph.Upstream[stage.Name];
                if (Cancellation.IsCancellationRequested || upstream.Any(name => outcomes.TryGetValue(name, out var ok) && !ok))
                {
                    outcomes[stage.Name] = false;
                    waiting.Remove(stage);
                }
                else if (running.Count < slots && upstream.All(outcomes.ContainsKey))
                {
                    running[stage.Name] = System.Threading.Tasks.Task.Run(() => context.BringUpToDate(stage, Cancellation));
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
                outcomes[name] = task.Status == TaskStatus.RanToCompletion && task.Result;
                if (task.Exception?.InnerException is { } failure)
                {
                    // Rethrown on this thread: a file-system failure becomes RB4013 as anywhere else in the task.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                }
                running.Remove(name);
            }
        }
        context.Log.Flush(Log, problems);
        if (Cancellation.IsCancellationRequested)
        {
            Log.LogWarning(null, null, null, ProjectFile, 0, 0, 0, 0, "ReproBuild: the build was cancelled; running stages were stopped and kept no outputs.");
        }
        return outcomes;
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
