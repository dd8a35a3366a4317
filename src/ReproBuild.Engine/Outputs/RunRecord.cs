using System.Globalization;

namespace ReproBuild.Engine.Outputs;

/// <summary>
/// One training run in the experiment history under <c>.reprobuild/runs/</c>. Unlike provenance it records the
/// circumstances (time, duration, machine, commit), because its purpose is to compare runs, not to reproduce them.
/// </summary>
/// <param name="Experiment">The experiment id when <c>reprobuild sweep</c> trained it (<c>$(ReproBuildExperiment)</c>); null otherwise.</param>
internal sealed record RunRecord(
    string Model,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    string Machine,
    string OperatingSystem,
    string? GitCommit,
    string Fingerprint,
    string Sha256,
    string Task,
    string Trainer,
    SortedDictionary<string, string> Parameters,
    int Seed,
    SortedDictionary<string, string> Datasets,
    long TrainRows,
    long TestRows,
    SortedDictionary<string, double?> Metrics,
    string EngineVersion,
    string MicrosoftMLVersion,
    string? Experiment = null)
{
    public string Write(string runsDirectory)
    {
        var name = $"{StartedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Model}-{Sha256[..8]}.json";
        var path = Path.Combine(runsDirectory, name);
        AtomicFile.WriteAllText(path, ReproJson.Serialize(this));
        return path;
    }
}
