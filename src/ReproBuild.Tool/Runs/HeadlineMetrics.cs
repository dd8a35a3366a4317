namespace ReproBuild.Tool.Runs;

/// <summary>The metrics shown first for each task — the ones the build's own summary line prints.</summary>
internal static class HeadlineMetrics
{
    public static IReadOnlyList<string> For(string task) => task switch
    {
        "BinaryClassification" => ["AreaUnderRocCurve", "Accuracy", "F1Score"],
        "MulticlassClassification" => ["MacroAccuracy", "MicroAccuracy", "LogLoss"],
        "Regression" => ["RSquared", "RootMeanSquaredError", "MeanAbsoluteError"],
        _ => [],
    };

    /// <summary>Whether a larger value is better: errors and losses go down, scores go up.</summary>
    public static bool HigherIsBetter(string metric) =>
        !(metric.Contains("Error", StringComparison.Ordinal) || metric.Contains("Loss", StringComparison.Ordinal) || metric == "Entropy");
}
