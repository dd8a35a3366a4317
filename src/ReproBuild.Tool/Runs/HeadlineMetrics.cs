namespace ReproBuild.Tool.Runs;

/// <summary>How the tool shows metrics: the task's headline ones first (<see cref="Catalog.HeadlineMetrics"/>, as the build's summary line).</summary>
internal static class HeadlineMetrics
{
    public static IReadOnlyList<string> For(string task) => Catalog.HeadlineMetrics(task);

    /// <summary>Whether a larger value is better: errors and losses go down, scores go up.</summary>
    public static bool HigherIsBetter(string metric) =>
        !(metric.Contains("Error", StringComparison.Ordinal) || metric.Contains("Loss", StringComparison.Ordinal) || metric == "Entropy");
}
