using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime;

/// <summary>
/// Turns a model's scored data into the metrics ML.NET's evaluator gives for its task. The build uses it to
/// write metrics.json; test-time re-evaluation uses the same code, so the two can never disagree. A metric that
/// cannot be computed is null, never a number: no rows, a score that is NaN or infinite, a binary label with one
/// class (<see cref="ScoredRows"/> finds them), or a value ML.NET itself gives as NaN or infinity.
/// </summary>
internal static class ModelEvaluator
{
    /// <summary>The column a multiclass model's label is mapped to keys in; evaluation reads it.</summary>
    public const string KeyLabelColumn = "__ReproBuildLabel";

    /// <summary>A multiclass model's predicted key, kept beside the mapped-back PredictedLabel for evaluation.</summary>
    public const string KeyPredictionColumn = "__ReproBuildPredictedLabel";

    private static readonly (string Name, Func<BinaryClassificationMetrics, double> Value)[] BinaryMetrics =
    [
        ("Accuracy", m => m.Accuracy),
        ("AreaUnderRocCurve", m => m.AreaUnderRocCurve),
        ("AreaUnderPrecisionRecallCurve", m => m.AreaUnderPrecisionRecallCurve),
        ("F1Score", m => m.F1Score),
        ("PositivePrecision", m => m.PositivePrecision),
        ("PositiveRecall", m => m.PositiveRecall),
        ("NegativePrecision", m => m.NegativePrecision),
        ("NegativeRecall", m => m.NegativeRecall),
    ];

    // Only calibrated trainers (those with a Probability column) have these.
    private static readonly (string Name, Func<CalibratedBinaryClassificationMetrics, double> Value)[] CalibrationMetrics =
    [
        ("LogLoss", m => m.LogLoss),
        ("LogLossReduction", m => m.LogLossReduction),
        ("Entropy", m => m.Entropy),
    ];

    private static readonly (string Name, Func<MulticlassClassificationMetrics, double> Value)[] MulticlassMetrics =
    [
        ("MacroAccuracy", m => m.MacroAccuracy),
        ("MicroAccuracy", m => m.MicroAccuracy),
        ("LogLoss", m => m.LogLoss),
        ("LogLossReduction", m => m.LogLossReduction),
    ];

    private static readonly (string Name, Func<RegressionMetrics, double> Value)[] RegressionMetrics =
    [
        ("MeanAbsoluteError", m => m.MeanAbsoluteError),
        ("MeanSquaredError", m => m.MeanSquaredError),
        ("RootMeanSquaredError", m => m.RootMeanSquaredError),
        ("RSquared", m => m.RSquared),
        ("LossFunction", m => m.LossFunction),
    ];

    public static SortedDictionary<string, double?> Evaluate(MLContext ml, IDataView scored, string task, string labelColumn) =>
        Evaluate(ml, scored, task, labelColumn, ScoredRows.Read(scored, task, labelColumn));

    /// <summary>The same, with what the scored rows hold already read by the caller (<see cref="ScoredRows.Read"/>).</summary>
    public static SortedDictionary<string, double?> Evaluate(MLContext ml, IDataView scored, string task, string labelColumn, ScoredRows rows)
    {
        var calibrated = scored.Schema.GetColumnOrNull(ScoredRows.ProbabilityColumn) is not null;
        var metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        if (rows.Count == 0 || rows.NonFinite > 0 || (task == Catalog.BinaryClassification && rows.SingleLabel))
        {
            foreach (var name in MetricNames(task, calibrated))
            {
                metrics[name] = null;
            }
            return metrics;
        }

        switch (task)
        {
            case Catalog.BinaryClassification when calibrated:
                var calibratedMetrics = ml.BinaryClassification.Evaluate(scored, labelColumn);
                Add(metrics, BinaryMetrics, calibratedMetrics);
                Add(metrics, CalibrationMetrics, calibratedMetrics);
                break;
            case Catalog.BinaryClassification:
                Add(metrics, BinaryMetrics, ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumn));
                break;
            case Catalog.MulticlassClassification:
                Add(metrics, MulticlassMetrics, ml.MulticlassClassification.Evaluate(scored, KeyLabelColumn, predictedLabelColumnName: KeyPredictionColumn));
                break;
            case Catalog.Regression:
                Add(metrics, RegressionMetrics, ml.Regression.Evaluate(scored, labelColumn));
                break;
            default:
                throw new ArgumentException($"Unknown task '{task}'.", nameof(task));
        }
        return metrics;
    }

    /// <summary>The metrics a model of the task has; binary classification has three more when it is calibrated.</summary>
    public static IEnumerable<string> MetricNames(string task, bool calibrated) => task switch
    {
        Catalog.BinaryClassification => BinaryMetrics.Select(m => m.Name).Concat(calibrated ? CalibrationMetrics.Select(m => m.Name) : []),
        Catalog.MulticlassClassification => MulticlassMetrics.Select(m => m.Name),
        Catalog.Regression => RegressionMetrics.Select(m => m.Name),
        _ => throw new ArgumentException($"Unknown task '{task}'.", nameof(task)),
    };

    private static void Add<TMetrics>(SortedDictionary<string, double?> metrics, IEnumerable<(string Name, Func<TMetrics, double> Value)> table, TMetrics values)
    {
        foreach (var (name, value) in table)
        {
            var number = value(values);
            metrics[name] = double.IsFinite(number) ? number : null;
        }
    }
}
