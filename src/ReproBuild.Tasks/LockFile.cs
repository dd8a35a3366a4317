using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

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
}

internal sealed record LockedDataset(string Sha256, long Size, long Rows);

internal sealed record LockedModel(
    string Fingerprint,
    string Sha256,
    string Version,
    SortedDictionary<string, double?> Metrics,
    ModelInputs Inputs);
