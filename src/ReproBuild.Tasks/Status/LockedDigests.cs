using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks;

/// <summary>
/// The digests a lock file records — per model and per stage its fingerprint, per dataset its SHA-256 — as the status check
/// compares them: read by the build's own <see cref="LockFile.Read"/>, and a missing or unreadable lock is not an
/// error here, only a reason the build would write a new one.
/// </summary>
internal sealed class LockedDigests
{
    private LockedDigests(IReadOnlyDictionary<string, string> models, IReadOnlyDictionary<string, string> datasets, IReadOnlyDictionary<string, string> stages, string? problem)
    {
        ModelFingerprints = models;
        StageFingerprints = stages;
        DatasetSha256 = datasets;
        Problem = problem;
    }

    public IReadOnlyDictionary<string, string> ModelFingerprints { get; }

    public IReadOnlyDictionary<string, string> DatasetSha256 { get; }

    public IReadOnlyDictionary<string, string> StageFingerprints { get; }

    /// <summary>Why the lock could not be read (a sentence naming the file), or null.</summary>
    public string? Problem { get; }

    public static LockedDigests Read(string path)
    {
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            return LockFile.Read(path) is { } lockFile
                ? new LockedDigests(
                    lockFile.Models.ToDictionary(m => m.Key, m => m.Value.Fingerprint, StringComparer.Ordinal),
                    lockFile.Datasets.ToDictionary(d => d.Key, d => d.Value.Sha256, StringComparer.Ordinal),
                    (lockFile.Stages ?? []).ToDictionary(s => s.Key, s => s.Value.Fingerprint, StringComparer.Ordinal),
                    null)
                : new LockedDigests(none, none, none, $"{path} does not exist yet; the build writes it.");
        }
        catch (LockFileException e)
        {
            return new LockedDigests(none, none, none, e.Message);
        }
    }
}
