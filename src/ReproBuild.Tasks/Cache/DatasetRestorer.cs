using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Puts a dataset's pinned content in place — from the local cache, else from its <c>Source</c> (a URL or a path),
/// else from the remote's <c>cas/&lt;Hash&gt;</c>. Fetched bytes are checked against the pin before anything is
/// written in place; a mismatch is an RB4008 error and leaves the file as it was. Content that is replaced is kept in
/// the cache, so nothing is lost. It writes only the dataset's own file (by way of a temporary file beside it), its
/// marker and cache entries.
/// </summary>
internal sealed class DatasetRestorer(CacheFolder? local, IRemoteCache? remote, TaskLoggingHelper log, string projectFile, TimeSpan timeout, CancellationToken cancellation)
{
    /// <param name="destination">Where the dataset is written: its path with its folders resolved, inside the boundary.</param>
    public void Restore(DatasetItem dataset, string destination, string hash, string? source, string? current, PinnedFileMarker marker)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile) ?? Environment.CurrentDirectory;
        var staging = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
        // A null source is the remote's cas/<hash>, read through the remote itself (an object store has no path).
        var candidates = new List<(string Where, string? Source)>();
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
            candidates.Add((remote.Name, remote switch
            {
                HttpRemote => $"{remote.Name.TrimEnd('/')}/cas/{hash}",
                FolderRemote => Path.Combine(remote.Name, "cas", hash),
                _ => null,
            }));
        }
        if (candidates.Count == 0)
        {
            log.LogError(null, ErrorCodes.DatasetSourceUnavailable, null, projectFile, 0, 0, 0, 0,
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
                    fetched = from is null
                        ? FetchFromRemote(hash, staging)
                        : DataSource.Fetch(from, projectDirectory, staging, timeout, CredentialsFor(from, remote), cancellation);
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
                    log.LogError(null, ErrorCodes.DatasetHashMismatch, null, projectFile, 0, 0, 0, 0,
                        $"Dataset '{dataset.Name}': what {where} holds has sha256 {fetched}, but Hash pins {hash}. Nothing was written to '{dataset.FullPath}'. If the new content is intended, update Hash.");
                    return;
                }
                Place(dataset, destination, hash, current, where, staging, marker);
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
        log.LogError(null, ErrorCodes.DatasetSourceUnavailable, null, projectFile, 0, 0, 0, 0,
            $"Dataset '{dataset.Name}': '{dataset.FullPath}' is {(current is null ? "missing" : "not the pinned content")} and could not be restored — {string.Join("; ", failures)}.");
    }

    private void Place(DatasetItem dataset, string destination, string hash, string? current, string where, string staging, PinnedFileMarker marker)
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
                log.LogWarning(null, ErrorCodes.CacheWriteFailed, null, projectFile, 0, 0, 0, 0, $"Dataset '{dataset.Name}' could not be added to the cache at '{local.Root}': {e.Message}.");
            }
        }
        File.Move(staging, destination, overwrite: true);
        marker.Write(destination, hash);
        if (current is null)
        {
            log.LogMessage(MessageImportance.High, $"ReproBuild: restored {dataset.FullPath} from {where} (sha256 {hash[..12]})");
        }
        else
        {
            var kept = local is null ? "" : $" The replaced content is kept in the cache as {local.PathOf(CacheFolder.ContentKind, current)}.";
            log.LogWarning(null, ErrorCodes.DatasetReplaced, null, dataset.FullPath, 0, 0, 0, 0,
                $"Dataset '{dataset.Name}' held other content (sha256 {current[..12]}) than its Hash pins; it was replaced with the pinned content from {where}.{kept} To keep your change, update Hash to {current}.");
        }
    }

    /// <returns>The SHA-256 of what the remote holds under the hash, now in <paramref name="staging"/>.</returns>
    /// <exception cref="RemoteCacheException">The remote could not be asked, or has no such entry.</exception>
    private string FetchFromRemote(string hash, string staging)
    {
        var content = remote!.Get(CacheFolder.ContentKind, hash, cancellation) ?? throw new RemoteCacheException($"it has no {CacheFolder.ContentKind}/{hash}");
        File.WriteAllBytes(staging, content);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
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
}
