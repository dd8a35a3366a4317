using Microsoft.Build.Framework;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// After a build in which the pipeline did nothing — no model trained or restored — records the pipeline stamp (an
/// <see cref="InputStamp"/> over the items, the settings and every file the steps read to decide that) that lets the
/// next build skip the pipeline's steps. Any other build removes the stamp:
/// it describes the last build in which nothing happened, and the next one will check everything again.
/// </summary>
public sealed class WritePipelineStamp : ReproBuildTask, IIncrementalTask
{
    internal const string FileName = "pipeline.stamp";

    /// <summary>The project's <c>Dataset</c> items, as <see cref="CheckPipelineStamp"/> gets them.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>The project's <c>Model</c> items, as <see cref="CheckPipelineStamp"/> gets them.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The same settings string <see cref="CheckPipelineStamp"/> gets.</summary>
    public string Settings { get; set; } = "";

    /// <summary>The same pipeline references <see cref="CheckPipelineStamp"/> gets.</summary>
    public ITaskItem[] PipelineReferences { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them.</summary>
    public ITaskItem[] HashedDatasets { get; set; } = [];

    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them.</summary>
    public ITaskItem[] FingerprintedModels { get; set; } = [];

    /// <summary>What this build trained or restored: anything here means the pipeline did something.</summary>
    public ITaskItem[] ChangedModels { get; set; } = [];

    /// <summary><c>$(ReproBuildCacheDir)</c>: each model's record there is part of the stamp (a build puts a missing one back).</summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>The lock file's path.</summary>
    public string LockFile { get; set; } = "";

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>Set by <c>dotnet build -question</c>: writes nothing.</summary>
    public bool FailIfNotIncremental { get; set; }

    private protected override bool Run()
    {
        if (FailIfNotIncremental)
        {
            return true;
        }
        var path = Path.Combine(IntermediateDirectory, FileName);
        if (ChangedModels.Length > 0)
        {
            File.Delete(path);
            return true;
        }
        var stamp = InputStamp.Of(CheckPipelineStamp.KeyOf(Settings, PipelineReferences, Datasets, Models), Files());
        if (EditedDuringTheBuild(stamp) is { } edited)
        {
            Log.LogMessage(MessageImportance.Low, $"ReproBuild: '{edited}' changed while this build ran; the next build checks everything again.");
            File.Delete(path);
            return true;
        }
        stamp.Write(path);
        return true;
    }

    /// <summary>
    /// A data or schema file whose size or time now differs from those its hash was taken at: the build used the
    /// content from before, so a stamp of the file as it is now would vouch for content no step has seen.
    /// </summary>
    private string? EditedDuringTheBuild(InputStamp stamp)
    {
        var hashed = StatCache.Load(new IntermediateLayout(IntermediateDirectory).StatCacheFile);
        var now = stamp.Files.ToDictionary(f => f.Path, f => f.Stamp, StringComparer.Ordinal);
        return HashedDatasets.Select(HashedDataset.From)
            .SelectMany(d => d.SchemaFile is null ? [d.DataFile] : new[] { d.DataFile, d.SchemaFile })
            .FirstOrDefault(file => hashed.Recorded(file)?.Text != now[file]);
    }

    /// <summary>Every file a build of the pipeline reads to decide that it has nothing to do.</summary>
    private IEnumerable<string> Files()
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
