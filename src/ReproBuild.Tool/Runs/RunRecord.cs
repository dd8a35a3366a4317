namespace ReproBuild.Tool.Runs;

/// <summary>
/// One training run as the engine records it in <c>.reprobuild/runs/&lt;id&gt;.json</c> (src/ReproBuild.Engine/Outputs/RunRecord.cs):
/// read with a type of the tool's own, so the tool keeps reading records that later versions extend.
/// </summary>
/// <param name="Experiment">The <c>reprobuild sweep</c> experiment id the run trained, null for a normal build's run.</param>
internal sealed record RunRecord(
    string Model,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string? Machine,
    string? OperatingSystem,
    string? GitCommit,
    string? Fingerprint,
    string Sha256,
    string Task,
    string Trainer,
    SortedDictionary<string, string>? Parameters,
    int Seed,
    SortedDictionary<string, string>? Datasets,
    long TrainRows,
    long TestRows,
    SortedDictionary<string, double?>? Metrics,
    string? EngineVersion,
    string? MicrosoftMLVersion,
    string? Experiment = null)
{
    /// <summary>The record's file name without <c>.json</c>: start time, model and model digest prefix.</summary>
    public string Id { get; init; } = "";

    /// <summary><c>Model~N</c>: the model's N-th latest run (0 = the latest), as <c>runs</c> shows and <c>diff</c> accepts.</summary>
    public string Reference { get; init; } = "";
}
