using Microsoft.ML;

namespace ReproBuild.Runtime;

/// <summary>
/// Turns a model's scored data into the metrics ML.NET's evaluator gives for its task. The build uses it to
/// write metrics.json; test-time re-evaluation uses the same code, so the two can never disagree.
/// </summary>
internal static class ModelEvaluator
{
    public const string BinaryClassification = "BinaryClassification";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Regression = "Regression";

    /// <summary>The column a multiclass model's label is mapped to keys in; evaluation reads it.</summary>
    public const string KeyLabelColumn = "__ReproBuildLabel";

    /// <summary>A multiclass model's predicted key, kept beside the mapped-back PredictedLabel for evaluation.</summary>
    public const string KeyPredictionColumn = "__ReproBuildPredictedLabel";

    public static SortedDictionary<string, double?> Evaluate(MLContext ml, IDataView scored, string task, string labelColumn)
    {
        var metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        switch (task)
        {
            case BinaryClassification when scored.Schema.GetColumnOrNull("Probability") is not null:
                var calibrated = ml.BinaryClassification.Evaluate(scored, labelColumn);
                AddBinary(metrics, calibrated);
                metrics["LogLoss"] = calibrated.LogLoss;
                metrics["LogLossReduction"] = calibrated.LogLossReduction;
                metrics["Entropy"] = calibrated.Entropy;
                break;
            case BinaryClassification:
                AddBinary(metrics, ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumn));
                break;
            case MulticlassClassification:
                var multiclass = ml.MulticlassClassification.Evaluate(scored, KeyLabelColumn, predictedLabelColumnName: KeyPredictionColumn);
                metrics["MacroAccuracy"] = multiclass.MacroAccuracy;
                metrics["MicroAccuracy"] = multiclass.MicroAccuracy;
                metrics["LogLoss"] = multiclass.LogLoss;
                metrics["LogLossReduction"] = multiclass.LogLossReduction;
                break;
            case Regression:
                var regression = ml.Regression.Evaluate(scored, labelColumn);
                metrics["MeanAbsoluteError"] = regression.MeanAbsoluteError;
                metrics["MeanSquaredError"] = regression.MeanSquaredError;
                metrics["RootMeanSquaredError"] = regression.RootMeanSquaredError;
                metrics["RSquared"] = regression.RSquared;
                metrics["LossFunction"] = regression.LossFunction;
                break;
            default:
                throw new ArgumentException($"Unknown task '{task}'.", nameof(task));
        }
        foreach (var name in metrics.Keys.ToArray())
        {
            if (metrics[name] is { } value && !double.IsFinite(value))
            {
                metrics[name] = null;
            }
        }
        return metrics;
    }

    private static void AddBinary(SortedDictionary<string, double?> metrics, Microsoft.ML.Data.BinaryClassificationMetrics binary)
    {
        metrics["Accuracy"] = binary.Accuracy;
        metrics["AreaUnderRocCurve"] = binary.AreaUnderRocCurve;
        metrics["AreaUnderPrecisionRecallCurve"] = binary.AreaUnderPrecisionRecallCurve;
        metrics["F1Score"] = binary.F1Score;
        metrics["PositivePrecision"] = binary.PositivePrecision;
        metrics["PositiveRecall"] = binary.PositiveRecall;
        metrics["NegativePrecision"] = binary.NegativePrecision;
        metrics["NegativeRecall"] = binary.NegativeRecall;
    }
}
