using System.Text;
using System.Text.Json;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Stage outputs in the content-addressed cache, exactly as models are: the files under their SHA-256 in <c>cas/</c>,
/// and under <c>ac/&lt;fingerprint&gt;</c> a record of which output has which digest. Everything read back is checked
/// against its digest before use; a remote that fails costs a warning and a run, never the build.
/// </summary>
internal sealed class StageCache(CacheFolder? local, IRemoteCache? remote, DeferredLog log, string projectFile, string projectDirectory)
{
    private volatile bool _remoteDown;

    /// <summary>Puts the cached outputs for the fingerprint into the staging folder; null when no cache has them all.</summary>
    /// <returns>Each output's SHA-256, by path relative to the project, and where they came from.</returns>
    public (SortedDictionary<string, string> Digests, string From)? Restore(StageItem stage, StageOutputs outputs, string fingerprint, string staging, CancellationToken cancellation)
    {
        if (local is not null && RestoreLocal(stage, outputs, fingerprint, staging) is { } fromLocal)
        {
            return (fromLocal, "the cache");
        }
        if (remote is not null && !_remoteDown && RestoreRemote(stage, outputs, fingerprint, staging, cancellation) is { } fromRemote)
        {
            return (fromRemote, $"the remote cache {remote.Name}");
        }
        return null;
    }

    /// <summary>Adds current outputs to the local cache when it lacks their record; the remote gets what a build runs.</summary>
    public void StoreLocallyIfMissing(StageItem stage, string fingerprint, SortedDictionary<string, string> digests)
    {
        if (local is not null && !local.Contains(CacheFolder.ActionKind, fingerprint))
        {
            Store(stage, fingerprint, digests, CancellationToken.None, pushToRemote: false);
        }
    }

    public void Store(StageItem stage, string fingerprint, SortedDictionary<string, string> digests, CancellationToken cancellation, bool pushToRemote = true)
    {
        var record = new StageActionRecord(StageActionRecord.CurrentFormat, StageActionRecord.StageKind, stage.Name, fingerprint, digests);
        var files = stage.Outputs.ToDictionary(o => ProjectPaths.Relative(projectDirectory, o), o => o, StringComparer.Ordinal);
        if (local is not null)
        {
            try
            {
                local.RemoveAbandonedTemporaryFiles();
                foreach (var (path, sha256) in digests)
                {
                    local.CopyContentFrom(files[path], sha256);
                }
                local.Write(CacheFolder.ActionKind, fingerprint, record.ToBytes());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Warning(ErrorCodes.CacheWriteFailed, projectFile, $"The outputs of stage '{stage.Name}' could not be added to the cache at '{local.Root}': {e.Message}. The build goes on.");
            }
        }
        if (pushToRemote && remote is not null && !_remoteDown)
        {
            try
            {
                foreach (var (path, sha256) in digests)
                {
                    if (!remote.Contains(CacheFolder.ContentKind, sha256, cancellation))
                    {
                        remote.Put(CacheFolder.ContentKind, sha256, File.ReadAllBytes(files[path]), cancellation);
                    }
                }
                remote.Put(CacheFolder.ActionKind, fingerprint, record.ToBytes(), cancellation);
                log.Message($"ReproBuild: pushed stage {stage.Name} to {remote.Name}");
            }
            catch (RemoteCacheException e)
            {
                RemoteFailed($"The outputs of stage '{stage.Name}' were not pushed to the remote cache {remote.Name}: {e.Message}. The build goes on.");
            }
        }
    }

    private SortedDictionary<string, string>? RestoreLocal(StageItem stage, StageOutputs outputs, string fingerprint, string staging)
    {
        if (local!.Read(CacheFolder.ActionKind, fingerprint) is not { } bytes)
        {
            return null;
        }
        var record = StageActionRecord.Parse(bytes, stage, fingerprint, projectDirectory);
        if (record is not null)
        {
            var complete = true;
            foreach (var output in stage.Outputs)
            {
                var sha256 = record.Outputs[ProjectPaths.Relative(projectDirectory, output)];
                var content = local.PathOf(CacheFolder.ContentKind, sha256);
                var staged = outputs.StagedPath(staging, output);
                if (!File.Exists(content))
                {
                    complete = false;
                    break;
                }
                File.Copy(content, staged, overwrite: true);
                if (Sha256Digest.OfFile(staged) != sha256)
                {
                    local.Remove(CacheFolder.ContentKind, sha256);
                    log.Warning(ErrorCodes.CacheEntryCorrupt, content, $"The cache entry for an output of stage '{stage.Name}' did not match its digest (the disk, or something other than ReproBuild, changed it); it was removed and the stage runs again.");
                    complete = false;
                    break;
                }
            }
            if (complete)
            {
                return record.Outputs;
            }
        }
        else
        {
            log.Warning(ErrorCodes.CacheEntryCorrupt, local.PathOf(CacheFolder.ActionKind, fingerprint),
                $"The cache entry for stage '{stage.Name}' is not a record of this stage's outputs; it was removed and the stage runs again.");
        }
        local.Remove(CacheFolder.ActionKind, fingerprint);
        return null;
    }

    private SortedDictionary<string, string>? RestoreRemote(StageItem stage, StageOutputs outputs, string fingerprint, string staging, CancellationToken cancellation)
    {
        try
        {
            if (remote!.Get(CacheFolder.ActionKind, fingerprint, cancellation) is not { } bytes)
            {
                return null;
            }
            if (StageActionRecord.Parse(bytes, stage, fingerprint, projectDirectory) is not { } record)
            {
                RemoteGarbage(stage, $"its record ac/{fingerprint} is not a record of stage '{stage.Name}''s outputs");
                return null;
            }
            foreach (var output in stage.Outputs)
            {
                var sha256 = record.Outputs[ProjectPaths.Relative(projectDirectory, output)];
                var content = remote.Get(CacheFolder.ContentKind, sha256, cancellation);
                if (content is null || Sha256Digest.Of(content) != sha256)
                {
                    RemoteGarbage(stage, content is null ? $"its record names cas/{sha256}, which it does not have" : $"cas/{sha256} came back with other content");
                    return null;
                }
                File.WriteAllBytes(outputs.StagedPath(staging, output), content);
                try
                {
                    local?.WriteContent(sha256, content);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Warning(ErrorCodes.CacheWriteFailed, projectFile, $"An output of stage '{stage.Name}' could not be added to the cache at '{local!.Root}': {e.Message}.");
                }
            }
            local?.Write(CacheFolder.ActionKind, fingerprint, bytes);
            return record.Outputs;
        }
        catch (RemoteCacheException e)
        {
            RemoteFailed($"The remote cache {remote!.Name} could not be read: {e.Message}. Stage '{stage.Name}' runs here instead.");
            return null;
        }
    }

    private void RemoteGarbage(StageItem stage, string what) =>
        log.Warning(ErrorCodes.RemoteContentInvalid, projectFile,
            $"The remote cache {remote!.Name} returned something that fails its digest check: {what}. Nothing from it was used or kept; stage '{stage.Name}' runs here instead.");

    private void RemoteFailed(string message)
    {
        _remoteDown = true;
        log.Warning(ErrorCodes.RemoteUnavailable, projectFile, message);
    }
}

/// <summary>
/// <c>ac/&lt;fingerprint&gt;</c> for a stage: the SHA-256 of each output, by its path relative to the project. Only
/// content-derived values, so every machine that runs the same inputs writes the same record.
/// </summary>
internal sealed record StageActionRecord(int FormatVersion, string Kind, string Stage, string Fingerprint, SortedDictionary<string, string> Outputs)
{
    public const int CurrentFormat = 1;
    public const string StageKind = "stage";

    public byte[] ToBytes() => new UTF8Encoding(false).GetBytes(ReproJson.Serialize(this));

    /// <summary>A record read from a cache (untrusted): null unless it is this stage's, for this fingerprint, naming exactly its declared outputs.</summary>
    public static StageActionRecord? Parse(byte[] bytes, StageItem stage, string fingerprint, string projectDirectory)
    {
        StageActionRecord? record;
        try
        {
            record = ReproJson.Deserialize<StageActionRecord>(Encoding.UTF8.GetString(bytes));
        }
        catch (JsonException)
        {
            return null;
        }
        var declared = stage.Outputs.Select(o => ProjectPaths.Relative(projectDirectory, o)).ToHashSet(StringComparer.Ordinal);
        var valid = record.FormatVersion == CurrentFormat
            && record.Kind == StageKind
            && record.Fingerprint == fingerprint
            && record.Outputs is { } outputs
            && declared.SetEquals(outputs.Keys)
            && outputs.Values.All(Sha256Digest.IsDigest);
        return valid ? record with { Outputs = new SortedDictionary<string, string>(record.Outputs, StringComparer.Ordinal) } : null;
    }
}
