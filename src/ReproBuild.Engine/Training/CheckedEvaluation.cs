using System.Globalization;
using Microsoft.ML;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Evaluates a freshly trained model on its held-out rows, so that no bad value can pass for a good one: a model
/// that predicts NaN or infinity is refused before anything of it is written (RB3010), and a metric that cannot be
/// computed is null, with a warning that says why (RB3011) — never the 0 ML.NET gives for, say, no rows.
/// </summary>
internal static class CheckedEvaluation
{
    public static SortedDictionary<string, double?> Evaluate(
        MLContext ml, ITransformer model, IDataView trainView, IDataView scored, ModelInputs inputs, DatasetSummary train, string projectFile, DiagnosticWriter diagnostics)
    {
        var rows = ScoredRows.Read(scored, inputs.Task, inputs.Label);
        // With no held-out rows, the training rows are the only predictions there are to check.
        var (checkedRows, which) = rows.Count > 0 ? (rows, "held-out") : (ScoredRows.Read(model.Transform(trainView), inputs.Task, inputs.Label), "training");
        if (checkedRows.NonFinite > 0)
        {
            var setting = inputs.Parameters.Count == 0
                ? "it sets no parameters, so look for extreme values in the data"
                : $"this model sets {string.Join(";", inputs.Parameters.Select(p => $"{p.Key}={p.Value}"))}; try values nearer the trainer's defaults";
            throw new UserError(
                ErrorCodes.NonFinitePredictions,
                $"model '{inputs.Model}' predicts {Describe(checkedRows.FirstNonFinite!.Value)} for {checkedRows.NonFinite:N0} of {checkedRows.Count:N0} {which} rows, so it is not written: "
                + $"trainer {inputs.Trainer} diverged. That usually means a parameter value makes it diverge ({setting}).",
                projectFile);
        }

        var metrics = ModelEvaluator.Evaluate(ml, scored, inputs.Task, inputs.Label, rows);
        var missing = metrics.Where(m => m.Value is null).Select(m => m.Key).ToArray();
        if (missing.Length > 0)
        {
            diagnostics.Warning(ErrorCodes.MetricNotComputed, $"{Subject(inputs.Model, missing, metrics.Count)}: {Reason(inputs, train, rows)}; a metric gate on it fails.", projectFile);
        }
        return metrics;
    }

    private static string Subject(string model, string[] missing, int all) => missing.Length == all
        ? $"model '{model}' has no metrics (all are null)"
        : $"metric{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} of model '{model}' cannot be computed (null)";

    private static string Reason(ModelInputs inputs, DatasetSummary train, ScoredRows rows)
    {
        if (rows.Count == 0)
        {
            return inputs.TestDataset is { } test
                ? $"the test dataset '{test.Name}' has 0 rows"
                : $"the test split has 0 rows: TestFraction {inputs.TestFraction?.ToString("R", CultureInfo.InvariantCulture)} of {train.Rows:N0} row{(train.Rows == 1 ? "" : "s")}. "
                    + "Hold out more rows (a larger TestFraction or more data) or evaluate on a TestDataset";
        }
        if (rows.SingleLabel)
        {
            return $"all {rows.Count:N0} held-out rows have the same label"
                + (inputs.Task == Catalog.BinaryClassification ? ", and binary metrics need both classes" : ", so ML.NET's evaluator gives no finite value for it");
        }
        return $"ML.NET's evaluator gives no finite value for it on the {rows.Count:N0} held-out rows";
    }

    private static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
