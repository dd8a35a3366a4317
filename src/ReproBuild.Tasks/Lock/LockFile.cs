using System.Text.Json;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Lock;

/// <summary>
/// <c>repro.lock.json</c>: committed beside the project, it records what the build used and produced — per dataset
/// its SHA-256, size and rows; per model its fingerprint and inputs, model SHA-256, version and metrics. Keys are
/// sorted and lines end in LF, so it diffs cleanly and is rewritten only when its content changes.
/// </summary>
internal sealed record LockFile(
    int FormatVersion,
    SortedDictionary<string, LockedDataset> Datasets,
    SortedDictionary<string, LockedModel> Models)
{
    public const int CurrentFormat = 1;

    /// <summary>Reads a lock file; null when there is none. A file that cannot be read is an RB4011 error.</summary>
    public static LockFile? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var lockFile = ReproJson.Read<LockFile>(path);
            return lockFile.FormatVersion == CurrentFormat
                ? lockFile with { Datasets = Sorted(lockFile.Datasets), Models = Sorted(lockFile.Models) }
                : throw new LockFileException($"The lock file '{path}' has format version {lockFile.FormatVersion}; this ReproBuild reads version {CurrentFormat}. Build without locked mode to rewrite it, and commit it.");
        }
        catch (JsonException e)
        {
            throw new LockFileException($"The lock file '{path}' is not valid JSON ({e.Message}). Restore it from source control, or delete it and build without locked mode to write it again.");
        }
    }

    private static SortedDictionary<string, T> Sorted<T>(SortedDictionary<string, T>? entries) =>
        new(entries ?? [], StringComparer.Ordinal);
}

internal sealed record LockedDataset(string Sha256, long Size, long Rows);

internal sealed record LockedModel(
    string Fingerprint,
    string Sha256,
    string Version,
    SortedDictionary<string, double?> Metrics,
    ModelInputs Inputs);

internal sealed class LockFileException(string message) : Exception(message);
