using System.Globalization;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// One run of a stage in the experiment history, under <c>.reprobuild/runs/stages/</c> (models' runs are one folder
/// up): what ran, with which code, parameters and data, what it wrote, how long it took, where and at which commit.
/// </summary>
internal sealed record StageRunRecord(
    string Stage,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string Machine,
    string OperatingSystem,
    string? GitCommit,
    string Fingerprint,
    string Kind,
    string Program,
    string CodeDigest,
    SortedDictionary<string, string> Parameters,
    int Seed,
    SortedDictionary<string, string> Inputs,
    SortedDictionary<string, string> Outputs,
    string EngineVersion)
{
    /// <summary>Stage runs' folder inside the runs folder.</summary>
    public const string Folder = "stages";

    public static StageRunRecord Of(StageReference stage, DateTimeOffset started, TimeSpan duration, string projectDirectory) =>
        new(
            stage.Name, started, Math.Round(duration.TotalSeconds, 3), Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            GitRevision.Find(projectDirectory), stage.Fingerprint, stage.Kind, stage.Program, stage.CodeDigest, stage.Parameters, stage.Seed,
            new(stage.Inputs.ToDictionary(f => f.Path, f => f.Sha256), StringComparer.Ordinal),
            new(stage.Outputs.ToDictionary(f => f.Path, f => f.Sha256), StringComparer.Ordinal),
            ToolVersions.Engine);

    public void Write(string runsDirectory)
    {
        var name = $"{StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Stage}-{Fingerprint[..8]}.json";
        AtomicFile.WriteAllText(Path.Combine(runsDirectory, Folder, name), ReproJson.Serialize(this));
    }
}
