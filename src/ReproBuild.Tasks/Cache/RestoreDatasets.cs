using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Data restore, the task: checks each <c>Dataset</c> with <c>Hash</c> (its pinned SHA-256) or <c>Source</c> —
/// a supported Source, a well-formed Hash, a file inside the project or its repository (<see cref="RestoreBoundary"/>)
/// — and has <see cref="DatasetRestorer"/> put the pinned content in place when the file is missing or holds other
/// bytes. A file already checked costs one stat per build (<see cref="PinnedFileMarker"/>).
/// </summary>
public sealed class RestoreDatasets : CacheTask
{
    /// <summary>The project's <c>Dataset</c> items; only those with <c>Hash</c> or <c>Source</c> are looked at.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    private protected override bool Run()
    {
        var pinned = Datasets.Where(d => d.GetMetadata("Hash").Length > 0 || d.GetMetadata("Source").Length > 0).ToArray();
        if (pinned.Length == 0)
        {
            return true;
        }
        using var remote = OpenRemote(out var invalid);
        if (invalid)
        {
            return false;
        }
        var local = OpenLocal();
        var layout = new IntermediateLayout(IntermediateDirectory);
        var problems = new ItemProblems(Log, ProjectFile);
        var boundary = new RestoreBoundary(Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
        var restorer = new DatasetRestorer(local, remote, Log, ProjectFile, TimeSpan.FromSeconds(Math.Max(1, RemoteTimeout)), Cancellation);
        foreach (var item in pinned)
        {
            if (DatasetItem.Parse(item, problems) is not { } dataset)
            {
                continue;
            }
            var source = DatasetItem.Metadata(item, "Source");
            var hash = DatasetItem.Metadata(item, "Hash")?.ToLowerInvariant();
            if (source is not null && !DataSource.IsSupported(source))
            {
                problems.ErrorAtElement(item, "Dataset", ErrorCodes.UnsupportedDatasetSource,
                    $"Dataset '{dataset.Name}' has Source '{DataSource.Display(source)}', which ReproBuild does not restore from: {DataSource.SupportedForms}.", "Source");
                continue;
            }
            if (hash is null)
            {
                problems.Error(ErrorCodes.SourceWithoutHash, $"Dataset '{dataset.Name}' has a Source but no Hash; pin its content with Hash=\"<sha256>\" so that what is fetched can be checked.");
                continue;
            }
            if (!Sha256Digest.IsDigest(hash))
            {
                problems.Error(ErrorCodes.InvalidMetadataValue, $"Dataset '{dataset.Name}' has Hash '{hash}'; it must be a SHA-256: 64 hexadecimal digits.");
                continue;
            }
            // Checked whether or not the file needs restoring now, so that a build fails the same way on every clone.
            if (boundary.Resolve(dataset.FullPath) is not { } destination)
            {
                problems.ErrorAtElement(item, "Dataset", ErrorCodes.DatasetOutsideProject,
                    $"Dataset '{dataset.Name}' is pinned by Hash, so the build may restore it, but '{dataset.FullPath}' lies outside {boundary.Describe()} (with '..' and folder links resolved); the build restores files only inside them, and nothing was written. Move the file into the project, or remove Hash and Source to use it as it is.", "Hash", "Source");
                continue;
            }
            var marker = new PinnedFileMarker(layout.DatasetPinFile(dataset.Name));
            var current = marker.CurrentSha256(dataset.FullPath);
            if (current == hash)
            {
                continue;
            }
            restorer.Restore(dataset, destination, hash, source, current, marker);
        }
        return !Log.HasLoggedErrors;
    }
}
