using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Trained models by fingerprint: the local cache first, then the remote. Nothing a cache returns is used before
/// its digest is checked; a corrupt local entry is removed and rebuilt, a remote that is down, slow or wrong costs
/// a warning and a training run, never the build, and never lands in the local cache.
/// </summary>
internal sealed class ModelCache(CacheFolder? local, IRemoteCache? remote, TaskLoggingHelper log, string projectFile)
{
    private bool _remoteDown;

    /// <summary>Puts the model's cached outputs into <paramref name="outputDirectory"/>; null when no cache has them.</summary>
    /// <returns>The record restored, and where from.</returns>
    public (ActionRecord Record, string From)? Restore(string model, string fingerprint, string outputDirectory, CancellationToken cancellation)
    {
        if (local is not null && RestoreLocal(model, fingerprint) is { } files)
        {
            Place(files.Content, outputDirectory);
            return (files.Record, "the cache");
        }
        if (remote is not null && !_remoteDown && RestoreRemote(model, fingerprint, cancellation) is { } fetched)
        {
            Place(fetched.Content, outputDirectory);
            return (fetched.Record, $"the remote cache {remote.Name}");
        }
        return null;
    }

    /// <summary>Whether the local cache has a record for the fingerprint (without a local cache: never).</summary>
    public bool Contains(string fingerprint) => local?.Contains(CacheFolder.ActionKind, fingerprint) == true;

    /// <summary>Records a freshly trained model's outputs in the local cache and pushes them to the remote.</summary>
    public void Store(string model, string fingerprint, string outputDirectory, CancellationToken cancellation)
    {
        if (ModelOutputCheck.Problem(model, fingerprint, outputDirectory, hashModel: true) is { } problem)
        {
            log.LogWarning(null, ErrorCodes.OutputsNotForCurrentInputs, null, projectFile, 0, 0, 0, 0,
                $"Model '{model}' was not added to the cache: its outputs under obj/ are not the ones its current inputs produce ({problem}).");
            return;
        }
        var content = Directory.EnumerateFiles(outputDirectory).Order(StringComparer.Ordinal).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes, StringComparer.Ordinal);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in content)
        {
            files[name] = Sha256Digest.Of(bytes);
        }
        var record = new ActionRecord(ActionRecord.CurrentFormat, model, fingerprint, files[ModelOutputFiles.Model], files);

        if (local is not null)
        {
            try
            {
                local.RemoveAbandonedTemporaryFiles();
                // Content first, the record last: a reader that finds the record finds everything it names.
                foreach (var (name, sha256) in files)
                {
                    local.WriteContent(sha256, content[name]);
                }
                local.Write(CacheFolder.ActionKind, fingerprint, record.ToBytes());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(null, ErrorCodes.CacheWriteFailed, null, projectFile, 0, 0, 0, 0,
                    $"Model '{model}' could not be added to the cache at '{local.Root}': {e.Message}. The build goes on; the next build trains it again.");
            }
        }

        if (remote is not null && !_remoteDown)
        {
            try
            {
                foreach (var (name, sha256) in files)
                {
                    if (!remote.Contains(CacheFolder.ContentKind, sha256, cancellation))
                    {
                        remote.Put(CacheFolder.ContentKind, sha256, content[name], cancellation);
                    }
                }
                remote.Put(CacheFolder.ActionKind, fingerprint, record.ToBytes(), cancellation);
                log.LogMessage($"ReproBuild: pushed {model} to {remote.Name}");
            }
            catch (RemoteCacheException e)
            {
                RemoteFailed($"Model '{model}' was not pushed to the remote cache {remote.Name}: {e.Message}. The build goes on.");
            }
        }
    }

    private (ActionRecord Record, Dictionary<string, byte[]> Content)? RestoreLocal(string model, string fingerprint)
    {
        if (local!.Read(CacheFolder.ActionKind, fingerprint) is not { } bytes)
        {
            return null;
        }
        var record = ActionRecord.Parse(bytes, fingerprint);
        var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? corrupt = record is null ? local.PathOf(CacheFolder.ActionKind, fingerprint) : null;
        var why = "did not match its digest (the disk, or something other than ReproBuild, changed it)";
        foreach (var (name, sha256) in record?.Files ?? [])
        {
            var file = local.ReadContent(sha256, out var wasCorrupt);
            if (file is null)
            {
                corrupt = wasCorrupt ? local.PathOf(CacheFolder.ContentKind, sha256) : null;
                break;
            }
            content[name] = file;
        }
        if (record is not null && content.Count == record.Files.Count)
        {
            if (ModelOutputCheck.Problem(model, fingerprint, content.GetValueOrDefault, hashModel: true) is not { } problem)
            {
                return (record, content);
            }
            // Every file is whole, but they are not this model's for these inputs (a record edited or copied by hand).
            corrupt = problem == ModelOutputCheck.Outdated ? null : local.PathOf(CacheFolder.ActionKind, fingerprint);
            why = $"names files that are not this model's outputs for its inputs: {problem}";
        }
        // Removing the record makes this a plain miss: the model is trained and the entry written again.
        local.Remove(CacheFolder.ActionKind, fingerprint);
        if (corrupt is not null)
        {
            log.LogWarning(null, ErrorCodes.CacheEntryCorrupt, null, corrupt, 0, 0, 0, 0,
                $"The cache entry for model '{model}' {why}; it was removed and the model is built again.");
        }
        return null;
    }

    private (ActionRecord Record, Dictionary<string, byte[]> Content)? RestoreRemote(string model, string fingerprint, CancellationToken cancellation)
    {
        try
        {
            if (remote!.Get(CacheFolder.ActionKind, fingerprint, cancellation) is not { } bytes)
            {
                return null;
            }
            if (ActionRecord.Parse(bytes, fingerprint) is not { } record)
            {
                RemoteGarbage($"its record ac/{fingerprint} for model '{model}' is not a ReproBuild cache record");
                return null;
            }
            var content = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, sha256) in record.Files)
            {
                var file = local?.ReadContent(sha256, out _) ?? remote.Get(CacheFolder.ContentKind, sha256, cancellation);
                if (file is null || Sha256Digest.Of(file) != sha256)
                {
                    RemoteGarbage(file is null
                        ? $"its record for model '{model}' names cas/{sha256}, which it does not have"
                        : $"cas/{sha256} (model '{model}', {name}) came back with other content");
                    return null;
                }
                content[name] = file;
            }
            if (ModelOutputCheck.Problem(model, fingerprint, content.GetValueOrDefault, hashModel: true) is { } problem)
            {
                if (problem == ModelOutputCheck.Outdated)
                {
                    return null; // a plain miss: the model trains and its new outputs replace the entry
                }
                RemoteGarbage($"its record ac/{fingerprint} names files that are not model '{model}''s outputs for its inputs ({problem})");
                return null;
            }
            if (local is not null)
            {
                try
                {
                    foreach (var (name, sha256) in record.Files)
                    {
                        local.WriteContent(sha256, content[name]);
                    }
                    local.Write(CacheFolder.ActionKind, fingerprint, bytes);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.LogWarning(null, ErrorCodes.CacheWriteFailed, null, projectFile, 0, 0, 0, 0, $"Model '{model}' could not be added to the cache at '{local.Root}': {e.Message}.");
                }
            }
            return (record, content);
        }
        catch (RemoteCacheException e)
        {
            RemoteFailed($"The remote cache {remote!.Name} could not be read: {e.Message}. Model '{model}' is trained here instead.");
            return null;
        }
    }

    private void RemoteGarbage(string what) =>
        log.LogWarning(null, ErrorCodes.RemoteContentInvalid, null, projectFile, 0, 0, 0, 0,
            $"The remote cache {remote!.Name} returned something that fails its digest check: {what}. Nothing from it was used or kept; the model is trained here instead.");

    private void RemoteFailed(string message)
    {
        _remoteDown = true;
        log.LogWarning(null, ErrorCodes.RemoteUnavailable, null, projectFile, 0, 0, 0, 0, message);
    }

    /// <summary>Writes the outputs beside their final folder and moves them in whole, as the engine does.</summary>
    private static void Place(Dictionary<string, byte[]> files, string outputDirectory)
    {
        ModelOutputFolder.Clear(outputDirectory);
        using var folder = new ModelOutputFolder(outputDirectory);
        foreach (var (name, bytes) in files)
        {
            folder.Add(name, bytes);
        }
        folder.MoveIntoPlace();
    }
}
