using Microsoft.Build.Framework;
using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// After a build in which the pipeline did nothing — no model trained or restored — records the pipeline stamp (an
/// <see cref="InputStamp"/> over the items, the settings and every file the steps read to decide that) that lets the
/// next build skip the pipeline's steps. Any other build removes the stamp:
/// it describes the last build in which nothing happened, and the next one will check everything again.
/// </summary>
public sealed class WritePipelineStamp : PipelineStampTask, IIncrementalTask
{
    /// <summary>The datasets as <see cref="HashDatasets"/> returned them.</summary>
    public ITaskItem[] HashedDatasets { get; set; } = [];

    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them.</summary>
    public ITaskItem[] FingerprintedModels { get; set; } = [];

    /// <summary>What this build trained or restored: anything here means the pipeline did something.</summary>
    public ITaskItem[] ChangedModels { get; set; } = [];

    /// <summary>The stages as <c>RunStages</c> returned them (<c>RecordFile</c>, <c>Outcome</c>).</summary>
    public ITaskItem[] StageRecords { get; set; } = [];

    /// <summary><c>$(ReproBuildCacheDir)</c>: each model's record there is part of the stamp (a build puts a missing one back).</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>The lock file's path.</summary>
    public string LockFile { get; set; } = "";

    /// <summary>Set by <c>dotnet build -question</c>: writes nothing.</summary>
    public bool FailIfNotIncremental { get; set; }

    private protected override bool Run()
    {
        if (FailIfNotIncremental)
        {
            return true;
        }
        // A stage that ran or was restored did something, as a model that trained does; so did a build without a record for every stage.
        var records = StageRecords.Select(stage => (Record: StageRecord.Read(stage.GetMetadata("RecordFile")), Outcome: stage.GetMetadata("Outcome"))).ToList();
        if (ChangedModels.Length > 0 || records.Count < Stages.Length || records.Any(stage => stage.Outcome != nameof(StageOutcome.UpToDate) || stage.Record is null))
        {
            File.Delete(StampFile);
            return true;
        }
        var stamp = InputStamp.Of(Key(), Files(records.Select(stage => stage.Record!)));
        if (EditedDuringTheBuild(stamp, records.Select(stage => stage.Record!)) is { } edited)
        {
            Log.LogMessage(MessageImportance.Low, $"ReproBuild: '{edited}' changed while this build ran; the next build checks everything again.");
            File.Delete(StampFile);
            return true;
        }
        stamp.Write(StampFile);
        return true;
    }

    /// <summary>
    /// A data, schema or stage file whose size or time now differs from those its hash was taken at: the build used
    /// the content from before, so a stamp of the file as it is now would vouch for content no step has seen.
    /// </summary>
    private string? EditedDuringTheBuild(InputStamp stamp, IEnumerable<StageRecord> stages)
    {
        var hashed = StatCache.Load(new IntermediateLayout(IntermediateDirectory).StatCacheFile);
        var now = stamp.Files.ToDictionary(f => f.Path, f => f.Stamp, StringComparer.Ordinal);
        return HashedDatasets.Select(HashedDataset.From)
            .SelectMany(d => d.SchemaFile is null ? [d.DataFile] : new[] { d.DataFile, d.SchemaFile })
            .Concat(stages.SelectMany(StageFiles))
            .FirstOrDefault(file => hashed.Recorded(file)?.Text != now[file]);
    }

    /// <summary>The files a stage's record vouches for — inputs, code (a program's files), outputs — as full paths.</summary>
    private IEnumerable<string> StageFiles(StageRecord record)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        return record.AllFiles.Select(file => Path.GetFullPath(Path.Combine(projectDirectory, file.Path)));
    }

    /// <summary>Every file a build of the pipeline reads to decide that it has nothing to do.</summary>
    private IEnumerable<string> Files(IEnumerable<StageRecord> stages)
    {
        yield return typeof(InputStamp).Assembly.Location;
        yield return LockFile;
        yield return Path.Combine(IntermediateDirectory, LastBuild.FileName);
        var layout = new IntermediateLayout(IntermediateDirectory);
        // Deleted (verify mode does, and so may a user who wants every file hashed again), the stat cache must be rebuilt.
        yield return layout.StatCacheFile;
        foreach (var dataset in HashedDatasets.Select(HashedDataset.From))
        {
            yield return dataset.DataFile;
            yield return dataset.InputFile;
            yield return dataset.SummaryFile;
            yield return dataset.ReportFile;
            yield return layout.DatasetPinFile(dataset.Name);
            if (dataset.SchemaFile is not null)
            {
                yield return dataset.SchemaFile;
            }
        }
        // A custom pipeline's code digest is over these files (Code/PipelineReferences): a rebuilt library rewrites them.
        foreach (var reference in PipelineReferences.Select(r => Path.GetFullPath(r.ItemSpec)).Where(File.Exists))
        {
            foreach (var (_, file) in Code.PipelineReferences.LoadedFiles(reference))
            {
                yield return file;
            }
        }
        var cache = CacheDirectory.Trim() is { Length: > 0 } root ? new CacheFolder(root) : null;
        foreach (var stage in StageRecords)
        {
            yield return stage.GetMetadata("RecordFile");
        }
        foreach (var record in stages)
        {
            foreach (var file in StageFiles(record))
            {
                yield return file;
            }
            if (cache is not null)
            {
                yield return cache.PathOf(CacheFolder.ActionKind, record.Stage.Fingerprint);
            }
        }
        // A program's folder as a whole: a file added there is part of its code digest (CompiledCode.ProgramFiles).
        foreach (var program in StagePrograms)
        {
            foreach (var file in InputStamp.FolderAndContents(Path.GetDirectoryName(Path.GetFullPath(program.ItemSpec))!))
            {
                yield return file;
            }
        }
        foreach (var model in FingerprintedModels.Select(FingerprintedModel.From))
        {
            yield return model.InputsFile;
            foreach (var file in InputStamp.FolderAndContents(model.OutputDirectory))
            {
                yield return file;
            }
            if (cache is not null)
            {
                yield return cache.PathOf(CacheFolder.ActionKind, model.Fingerprint);
            }
        }
    }
}
