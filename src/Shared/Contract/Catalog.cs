namespace ReproBuild;

/// <summary>
/// The learning tasks and trainer names ReproBuild accepts. The MSBuild tasks check items against this list
/// before any process starts; the engine maps each name to an ML.NET trainer (a unit test keeps the two equal).
/// </summary>
internal static class Catalog
{
    public const string BinaryClassification = "BinaryClassification";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Regression = "Regression";

    public static readonly IReadOnlyList<string> Tasks = [BinaryClassification, MulticlassClassification, Regression];

    /// <summary>Drift statistics by Evidently's names (DriftGate's Method, <c>reprobuild drift --method</c>).</summary>
    public static readonly IReadOnlyList<string> DriftMethods = ["ks", "chisquare", "wasserstein", "jensenshannon", "psi"];

    /// <summary>Trainer names per task; the first is the default.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Trainers =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [BinaryClassification] = ["FastTree", "FastForest", "LightGbm", "SdcaLogisticRegression", "LbfgsLogisticRegression"],
            [MulticlassClassification] = ["LbfgsMaximumEntropy", "SdcaMaximumEntropy", "LightGbm"],
            [Regression] = ["FastTree", "FastForest", "LightGbm", "Sdca", "FastTreeTweedie", "LbfgsPoissonRegression"],
        };

    /// <summary>The metrics shown first for a task: in the build's summary line, `reprobuild runs` and the report.</summary>
    public static IReadOnlyList<string> HeadlineMetrics(string task) => task switch
    {
        BinaryClassification => ["AreaUnderRocCurve", "Accuracy", "F1Score"],
        MulticlassClassification => ["MacroAccuracy", "MicroAccuracy", "LogLoss"],
        Regression => ["RSquared", "RootMeanSquaredError", "MeanAbsoluteError"],
        _ => [],
    };

    /// <summary>Every metric ML.NET's evaluator can give per task (calibration-only ones included).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Metrics =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [BinaryClassification] =
            [
                "Accuracy", "AreaUnderPrecisionRecallCurve", "AreaUnderRocCurve", "Entropy", "F1Score", "LogLoss", "LogLossReduction",
                "NegativePrecision", "NegativeRecall", "PositivePrecision", "PositiveRecall",
            ],
            [MulticlassClassification] = ["LogLoss", "LogLossReduction", "MacroAccuracy", "MicroAccuracy"],
            [Regression] = ["LossFunction", "MeanAbsoluteError", "MeanSquaredError", "RSquared", "RootMeanSquaredError"],
        };

    public static string? NormalizeTask(string task) =>
        Tasks.FirstOrDefault(t => string.Equals(t, task, StringComparison.OrdinalIgnoreCase));

    public static string? NormalizeTrainer(string task, string trainer) =>
        Trainers[task].FirstOrDefault(t => string.Equals(t, trainer, StringComparison.OrdinalIgnoreCase));
}
