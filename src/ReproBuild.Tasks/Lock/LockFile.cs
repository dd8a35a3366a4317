using System.Text.Json;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Lock;

/// <summary>
/// <c>repro.lock.json</c>: committed beside the project, it records what the build used and produced — per dataset
/// its SHA-256, size and rows; per model its fingerprint and inputs, model SHA-256, version and metrics. Keys are
/// sorted and lines end in LF, so it diffs cleanly and is rewritten only when its content changes. A project with
/// pipeline stages also records each stage: fingerprint, code digest, parameters, and its inputs and outputs by SHA-256.
/// </summary>
internal sealed record LockFile(
    int FormatVersion,
    SortedDictionary<string, LockedDataset> Datasets,
    SortedDictionary<string, LockedModel> Models,
    SortedDictionary<string, LockedStage>? Stages = null)
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
                ? lockFile with { Datasets = Sorted(lockFile.Datasets), Models = Sorted(lockFile.Models), Stages = lockFile.Stages is null ? null : Sorted(lockFile.Stages) }
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

/// <param name="Program">A Project stage's project, relative to this project; a Command stage's command line.</param>
/// <param name="Inputs">Each input file's SHA-256, by path relative to the project.</param>
/// <param name="Outputs">Each output file's SHA-256, by path relative to the project.</param>
internal sealed record LockedStage(
    string Fingerprint,
    string Kind,
    string Program,
    string CodeDigest,
    SortedDictionary<string, string> Parameters,
    int Seed,
    SortedDictionary<string, string> Inputs,
    SortedDictionary<string, string> Outputs)
{
    public static LockedStage From(StageReference stage) =>
        new(
            stage.Fingerprint, stage.Kind, stage.Program, stage.CodeDigest, stage.Parameters, stage.Seed,
            new(stage.Inputs.ToDictionary(f => f.Path, f => f.Sha256), StringComparer.Ordinal),
            new(stage.Outputs.ToDictionary(f => f.Path, f => f.Sha256), StringComparer.Ordinal));
}

internal sealed class LockFileException(string message) : Exception(message);
