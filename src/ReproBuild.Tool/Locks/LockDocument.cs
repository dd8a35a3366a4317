using System.Text.Json;

namespace ReproBuild.Tool.Locks;

/// <summary>
/// <c>repro.lock.json</c> (format 1, src/ReproBuild.Tasks/Lock/LockFile.cs), read with types of the tool's own: per
/// dataset its SHA-256, size and rows; per model its fingerprint, SHA-256, version, metrics and inputs.
/// </summary>
internal sealed record LockDocument(int FormatVersion, SortedDictionary<string, LockedDataset>? Datasets, SortedDictionary<string, LockedModel>? Models)
{
    /// <param name="source">Where the text came from, for the error message: a path, or "REV:path".</param>
    public static LockDocument Parse(string json, string source)
    {
        try
        {
            var document = ReproJson.Deserialize<LockDocument>(json);
            if (document.FormatVersion != 1)
            {
                throw new ToolError($"{source} has lock file format {document.FormatVersion}; this reprobuild reads format 1. Update the tool (dotnet tool update reprobuild).");
            }
            return document;
        }
        catch (JsonException e)
        {
            throw new ToolError($"{source} is not a valid ReproBuild lock file ({e.Message}). Rebuild the project to rewrite it, or restore it from git.");
        }
    }

    public static LockDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ToolError($"The lock file {path} does not exist yet; 'dotnet build' writes it.");
        }
        return Parse(File.ReadAllText(path), path);
    }
}

internal sealed record LockedDataset(string Sha256, long Size, long Rows);

internal sealed record LockedModel(string Fingerprint, string Sha256, string? Version, SortedDictionary<string, double?>? Metrics, LockedInputs? Inputs);

/// <summary>The parts of a model's inputs document that people compare between experiments.</summary>
internal sealed record LockedInputs(
    string? Task,
    string? Label,
    string? Trainer,
    SortedDictionary<string, string>? Parameters,
    int Seed,
    double? TestFraction,
    LockedDatasetReference? Dataset,
    LockedDatasetReference? TestDataset,
    string? EngineVersion,
    string? MicrosoftMLVersion);

internal sealed record LockedDatasetReference(string Name, string Sha256);
