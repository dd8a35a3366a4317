namespace ReproBuild.Tool.Runs;

/// <summary>
/// One run of a pipeline stage as the build records it in <c>.reprobuild/runs/stages/&lt;id&gt;.json</c>
/// (src/ReproBuild.Tasks/Stages/StageRunRecord.cs): read with a type of the tool's own, as <see cref="RunRecord"/> is.
/// </summary>
internal sealed record StageRun(
    string Stage,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string? Machine,
    string? OperatingSystem,
    string? GitCommit,
    string Fingerprint,
    string Kind,
    string Program,
    string CodeDigest,
    SortedDictionary<string, string>? Parameters,
    int Seed,
    SortedDictionary<string, string>? Inputs,
    SortedDictionary<string, string>? Outputs,
    string? EngineVersion)
{
    /// <summary>Stage runs' folder inside the runs folder.</summary>
    public const string Folder = "stages";

    /// <summary>The record's file name without <c>.json</c>: start time, stage and fingerprint prefix.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>Stage~N</c>: the stage's N-th latest run (0 = the latest).</summary>
    public string Reference { get; init; } = "";

    /// <summary>Every stage run under <c>RUNS/stages/</c>, oldest first (ties by id), each with its reference.</summary>
    public static IReadOnlyList<StageRun> Load(string runsDirectory, List<string> skipped) =>
        [.. RunFiles.Read<StageRun>(Path.Combine(runsDirectory, Folder), r => string.IsNullOrEmpty(r.Stage) || string.IsNullOrEmpty(r.Fingerprint) ? "it has no stage or fingerprint" : null, "stage run record", skipped)
            .Select(r => r.Record with { Id = r.Id })
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .GroupBy(r => r.Stage, StringComparer.Ordinal)
            .SelectMany(g => g.Reverse().Select((run, back) => run with { Reference = $"{run.Stage}~{back}" }))
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
}
