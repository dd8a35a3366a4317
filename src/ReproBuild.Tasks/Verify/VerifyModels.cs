using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Verify;

/// <summary>
/// Verify mode (<c>ReproBuildVerify</c>): every model was just retrained with no cache in the way; each must come out
/// with the SHA-256 the lock file records. A model that does not is an RB3007 error naming the zip entries whose
/// content differs (the locked bytes come from the local or remote cache), and its outputs are removed.
/// </summary>
public sealed class VerifyModels : CacheTask
{
    /// <summary>The models as <see cref="ComputeModelFingerprints"/> returned them, retrained.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The lock file's path (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary><c>$(OutDir)models/</c>, where copies of a model that failed verification are removed.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary>The models whose retrained bytes equal the lock's.</summary>
    [Output]
    public ITaskItem[] VerifiedModels { get; private set; } = [];

    private protected override bool Run()
    {
        Lock.LockFile? locked;
        try
        {
            locked = Lock.LockFile.Read(LockFile);
        }
        catch (LockFileException e)
        {
            Log.LogError(null, ErrorCodes.LockFileUnreadable, null, LockFile, 0, 0, 0, 0, e.Message);
            return false;
        }
        using var remote = OpenRemote(out _);
        var local = OpenLocal();
        var layout = new IntermediateLayout(IntermediateDirectory);
        var verified = new List<ITaskItem>();

        foreach (var model in Models)
        {
            var name = model.GetMetadata("Name");
            var resultFile = layout.ModelOutputFile(name, ModelOutputFiles.Result);
            if (!File.Exists(resultFile))
            {
                continue; // Training failed and said why.
            }
            if (locked?.Models.GetValueOrDefault(name) is not { } entry)
            {
                Log.LogError(null, ErrorCodes.NothingToVerify, null, File.Exists(LockFile) ? LockFile : ProjectFile, 0, 0, 0, 0,
                    $"Verify mode: model '{name}' is not in the lock file '{LockFile}', so there is nothing to verify it against. Build without -p:ReproBuildVerify=true, commit the lock file, then verify.");
                continue;
            }
            var result = ReproJson.Read<ModelResult>(resultFile);
            if (result.Sha256 == entry.Sha256)
            {
                Log.LogMessage(MessageImportance.High, $"ReproBuild: verified {name}: retrained to the locked sha256 {entry.Sha256[..12]}");
                verified.Add(model);
                continue;
            }

            var retrained = File.ReadAllBytes(layout.ModelOutputFile(name, ModelOutputFiles.Model));
            var line = LockFileLocator.LineOf(LockFile, "models", name);
            Log.LogError(null, ErrorCodes.ModelNotReproduced, null, LockFile, line, line == 0 ? 0 : 5, 0, 0,
                $"Model '{name}' did not reproduce: retrained from the same inputs it has sha256 {result.Sha256[..12]}…, the lock file {entry.Sha256[..12]}…. {Explain(entry.Sha256, retrained, local, remote)} Its outputs were removed.");
            ModelOutputs.Delete(layout, name, OutputModelsDirectory);
        }
        VerifiedModels = [.. verified];
        return !Log.HasLoggedErrors;
    }

    private string Explain(string lockedSha256, byte[] retrained, CacheFolder? local, IRemoteCache? remote)
    {
        var lockedModel = local?.ReadContent(lockedSha256, out _);
        if (lockedModel is null && remote is not null)
        {
            try
            {
                lockedModel = remote.Get(CacheFolder.ContentKind, lockedSha256, Cancellation) is { } bytes && Sha256Digest.Of(bytes) == lockedSha256 ? bytes : null;
            }
            catch (RemoteCacheException)
            {
                lockedModel = null;
            }
        }
        if (lockedModel is null)
        {
            return "The locked model's bytes are in neither the local nor the remote cache, so its zip entries cannot be compared.";
        }
        try
        {
            var entries = ZipDifferences.Between(lockedModel, retrained);
            return entries.Count == 0
                ? "Every zip entry has the same content; only the zip's own bytes differ."
                : $"Zip entries whose content differs: {string.Join(", ", entries)}.";
        }
        catch (InvalidDataException)
        {
            return "The locked model in the cache is not a readable zip.";
        }
    }
}
