using System.Globalization;
using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Data restore: a <c>Dataset</c> with <c>Hash</c> (its pinned SHA-256) and usually <c>Source</c> is put in place
/// when its file is missing or holds other bytes — from the local cache, else from <c>Source</c> (a URL or a
/// path), else from the remote's <c>cas/&lt;Hash&gt;</c>. Fetched bytes are checked against <c>Hash</c> before
/// anything is written in place; a mismatch is an RB4008 error and leaves the file as it was. Content that is
/// replaced is kept in the cache, so nothing is lost. A file already checked costs one stat per build.
/// A restore writes only the dataset's own file (by way of a temporary file beside it), its marker under obj/ and
/// cache entries; the dataset must lie inside the project or its repository (<see cref="RestoreBoundary"/>).
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
            var marker = Path.Combine(layout.Root, "datasets", $"{dataset.Name}.pinned.tsv");
            var current = CurrentSha256(dataset.FullPath, marker);
            if (current == hash)
            {
                continue;
            }
            Restore(dataset, destination, hash, source, current, local, remote, marker);
        }
        return !Log.HasLoggedErrors;
    }

    /// <param name="destination">Where the dataset is written: its path with its folders resolved, inside the boundary.</param>
    private void Restore(DatasetItem dataset, string destination, string hash, string? source, string? current, CacheFolder? local, IRemoteCache? remote, string marker)
    {
        var projectDirectory = Path.GetDirectoryName(ProjectFile) ?? Environment.CurrentDirectory;
        var staging = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
        var candidates = new List<(string Where, string Source)>();
        if (local?.Contains(CacheFolder.ContentKind, hash) == true)
        {
            candidates.Add(("the cache", local.PathOf(CacheFolder.ContentKind, hash)));
        }
        if (source is not null)
        {
            candidates.Add((source, source));
        }
        else if (remote is not null)
        {
            candidates.Add((remote.Name, remote is HttpRemote ? $"{remote.Name.TrimEnd('/')}/cas/{hash}" : Path.Combine(remote.Name, "cas", hash)));
        }
        if (candidates.Count == 0)
        {
            Log.LogError(null, ErrorCodes.DatasetSourceUnavailable, null, ProjectFile, 0, 0, 0, 0,
                $"Dataset '{dataset.Name}': '{dataset.FullPath}' is {(current is null ? "missing" : "not the pinned content")} and there is nowhere to restore it from: set its Source, or ReproBuildRemote.");
            return;
        }

        var failures = new List<string>();
        try
        {
            foreach (var (where, from) in candidates)
            {
                string fetched;
                try
                {
                    fetched = DataSource.Fetch(from, projectDirectory, staging, TimeSpan.FromSeconds(Math.Max(1, RemoteTimeout)), CredentialsFor(from, remote), Cancellation);
                }
                catch (RemoteCacheException e)
                {
                    failures.Add($"{where}: {e.Message}");
                    continue;
                }
                if (fetched != hash)
                {
                    if (where == "the cache")
                    {
                        local!.Remove(CacheFolder.ContentKind, hash);
                        failures.Add("the cache: its entry was corrupt and was removed");
                        continue;
                    }
                    Log.LogError(null, ErrorCodes.DatasetHashMismatch, null, ProjectFile, 0, 0, 0, 0,
                        $"Dataset '{dataset.Name}': what {where} holds has sha256 {fetched}, but Hash pins {hash}. Nothing was written to '{dataset.FullPath}'. If the new content is intended, update Hash.");
                    return;
                }
                Place(dataset, destination, hash, current, where, staging, local, marker);
                return;
            }
        }
        finally
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
        Log.LogError(null, ErrorCodes.DatasetSourceUnavailable, null, ProjectFile, 0, 0, 0, 0,
            $"Dataset '{dataset.Name}': '{dataset.FullPath}' is {(current is null ? "missing" : "not the pinned content")} and could not be restored — {string.Join("; ", failures)}.");
    }

    private void Place(DatasetItem dataset, string destination, string hash, string? current, string where, string staging, CacheFolder? local, string marker)
    {
        if (local is not null)
        {
            try
            {
                // The bytes about to be replaced are someone's work: keep them where they can be found.
                if (current is not null)
                {
                    local.CopyContentFrom(dataset.FullPath, current);
                }
                local.CopyContentFrom(staging, hash);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogWarning(null, ErrorCodes.CacheWriteFailed, null, ProjectFile, 0, 0, 0, 0, $"Dataset '{dataset.Name}' could not be added to the cache at '{local.Root}': {e.Message}.");
            }
        }
        File.Move(staging, destination, overwrite: true);
        WriteMarker(marker, destination, hash);
        if (current is null)
        {
            Log.LogMessage(MessageImportance.High, $"ReproBuild: restored {dataset.FullPath} from {where} (sha256 {hash[..12]})");
        }
        else
        {
            var kept = local is null ? "" : $" The replaced content is kept in the cache as {local.PathOf(CacheFolder.ContentKind, current)}.";
            Log.LogWarning(null, ErrorCodes.DatasetReplaced, null, dataset.FullPath, 0, 0, 0, 0,
                $"Dataset '{dataset.Name}' held other content (sha256 {current[..12]}) than its Hash pins; it was replaced with the pinned content from {where}.{kept} To keep your change, update Hash to {current}.");
        }
    }

    /// <summary>The remote's credentials go only to the remote's own host, never to a third party's URL.</summary>
    private static RemoteCredentials? CredentialsFor(string source, IRemoteCache? remote) =>
        remote is HttpRemote
        && Uri.TryCreate(source, UriKind.Absolute, out var uri)
        && Uri.TryCreate(remote.Name, UriKind.Absolute, out var remoteUri)
        && string.Equals(uri.Authority, remoteUri.Authority, StringComparison.OrdinalIgnoreCase)
        && uri.Scheme == remoteUri.Scheme
            ? RemoteCredentials.FromEnvironment(null)
            : null;

    /// <summary>The file's SHA-256 (null when missing), read only when its size or time differ from the last check.</summary>
    private static string? CurrentSha256(string path, string marker)
    {
        if (FileStamp.Of(path) is not { } file)
        {
            return null;
        }
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{file.Size}\t{file.Ticks}\t");
        if (File.Exists(marker) && File.ReadAllText(marker) is { } recorded && recorded.StartsWith(stamp, StringComparison.Ordinal))
        {
            return recorded[stamp.Length..].Trim();
        }
        var sha256 = Sha256Digest.OfFile(path);
        AtomicFile.WriteAllText(marker, stamp + sha256 + "\n");
        return sha256;
    }

    private static void WriteMarker(string marker, string path, string sha256)
    {
        var file = FileStamp.Of(path)!.Value;
        AtomicFile.WriteAllText(marker, string.Create(CultureInfo.InvariantCulture, $"{file.Size}\t{file.Ticks}\t{sha256}\n"));
    }
}
