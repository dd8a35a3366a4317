using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using ReproBuild.Engine.Outputs;
using ReproBuild.Protocol;
using ReproBuild.Runtime;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Reads a model's scored held-out rows — the rows its metrics come from — into <see cref="EvaluationDocument"/>:
/// curves and confusion matrix for classification, predicted-versus-actual for regression, and the trainer's own
/// feature weights where it has them. It only reads the model, so the model's bytes stay what training made.
/// </summary>
internal static class EvaluationPlots
{
    private const string Score = "Score";
    private const string PredictedLabel = "PredictedLabel";

    /// <param name="classNames">Binary classification: the negative and positive label values, in that order.</param>
    public static EvaluationDocument Create(ITransformer model, IDataView scored, ModelInputs inputs, IReadOnlyList<string>? classNames)
    {
        var evaluatedOn = inputs.TestDataset?.Name ?? $"split:{inputs.TestFraction?.ToString("R", CultureInfo.InvariantCulture)}";
        var importance = Importance(model, scored);
        return inputs.Task switch
        {
            Catalog.BinaryClassification => Binary(scored, inputs, evaluatedOn, classNames ?? ["false", "true"], importance),
            Catalog.MulticlassClassification => Multiclass(scored, inputs, evaluatedOn, importance),
            _ => Regression(scored, inputs, evaluatedOn, importance),
        };
    }

    private static EvaluationDocument Binary(IDataView scored, ModelInputs inputs, string evaluatedOn, IReadOnlyList<string> classes, FeatureImportance? importance)
    {
        var actual = scored.GetColumn<bool>(inputs.Label).ToArray();
        var predicted = scored.GetColumn<bool>(PredictedLabel).ToArray();
        var scores = scored.GetColumn<float>(Score).ToArray();
        var matrix = new long[2, 2];
        for (var i = 0; i < actual.Length; i++)
        {
            matrix[actual[i] ? 1 : 0, predicted[i] ? 1 : 0]++;
        }
        var curves = CurveBuilder.Build(classes[1], scores.Zip(actual).ToArray(), EvaluationDocument.MaxCurvePoints);
        return new EvaluationDocument(
            EvaluationDocument.CurrentFormat, inputs.Model, inputs.Task, inputs.Trainer, evaluatedOn, actual.Length,
            classes, Rows(matrix), curves is null ? [] : [curves], null, importance);
    }

    private static EvaluationDocument Multiclass(IDataView scored, ModelInputs inputs, string evaluatedOn, FeatureImportance? importance)
    {
        var classes = ClassNames(scored.Schema[ModelEvaluator.KeyLabelColumn]);
        var actual = scored.GetColumn<uint>(ModelEvaluator.KeyLabelColumn).ToArray();
        var predicted = scored.GetColumn<uint>(ModelEvaluator.KeyPredictionColumn).ToArray();
        var scores = scored.GetColumn<VBuffer<float>>(Score).Select(v => v.DenseValues().ToArray()).ToArray();
        var matrix = new long[classes.Count, classes.Count];
        for (var i = 0; i < actual.Length; i++)
        {
            // Keys are 1-based; 0 is a value the label mapping did not know, which evaluation skips too.
            if (actual[i] > 0 && predicted[i] > 0)
            {
                matrix[actual[i] - 1, predicted[i] - 1]++;
            }
        }
        var curves = new List<ClassCurves>();
        for (var c = 0; c < classes.Count; c++)
        {
            var oneVsRest = scores.Select((s, i) => (c < s.Length ? s[c] : 0f, actual[i] == c + 1)).ToArray();
            if (CurveBuilder.Build(classes[c], oneVsRest, EvaluationDocument.MaxCurvePoints) is { } curve)
            {
                curves.Add(curve);
            }
        }
        return new EvaluationDocument(
            EvaluationDocument.CurrentFormat, inputs.Model, inputs.Task, inputs.Trainer, evaluatedOn, actual.Length,
            classes, Rows(matrix), curves, null, importance);
    }

    private static EvaluationDocument Regression(IDataView scored, ModelInputs inputs, string evaluatedOn, FeatureImportance? importance)
    {
        var actual = scored.GetColumn<float>(inputs.Label).ToArray();
        var predicted = scored.GetColumn<float>(Score).ToArray();
        var kept = CurveBuilder.EvenIndices(actual.Length, EvaluationDocument.MaxPoints).ToArray();
        var points = new RegressionPoints(
            actual.Length,
            kept.Select(i => Round(actual[i])).ToArray(),
            kept.Select(i => Round(predicted[i])).ToArray());
        return new EvaluationDocument(
            EvaluationDocument.CurrentFormat, inputs.Model, inputs.Task, inputs.Trainer, evaluatedOn, actual.Length,
            null, null, null, points, importance);
    }

    /// <summary>
    /// The trainer's feature weights, named by the slots of the feature vector (a one-hot column gives one slot per
    /// value). Tree ensembles report gain; linear models their weights (features are min-max normalised for them, so
    /// magnitudes compare); multiclass linear models the mean absolute weight over classes. Others give none.
    /// </summary>
    private static FeatureImportance? Importance(ITransformer model, IDataView scored)
    {
        var predictor = (model as IEnumerable<ITransformer> ?? [model]).OfType<ISingleFeaturePredictionTransformer<object>>().LastOrDefault()?.Model;
        if (Weights(predictor) is not var (kind, values) || scored.Schema.GetColumnOrNull(FeaturePipeline.FeatureColumn) is not { } featureColumn)
        {
            return null;
        }
        var slots = Array.Empty<string>();
        if (featureColumn.HasSlotNames())
        {
            var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
            featureColumn.GetSlotNames(ref slotNames);
            slots = slotNames.DenseValues().Select(n => n.ToString()).ToArray();
        }
        var names = Enumerable.Range(0, values.Length).Select(i => i < slots.Length && slots[i].Length > 0 ? slots[i] : $"feature {i + 1}").ToArray();
        var top = Enumerable.Range(0, values.Length)
            .Where(i => float.IsFinite(values[i]))
            .OrderByDescending(i => Math.Abs(values[i])).ThenBy(i => i)
            .Take(EvaluationDocument.MaxFeatures)
            .ToArray();
        return new FeatureImportance(kind, values.Length, top.Select(i => names[i]).ToArray(), top.Select(i => Round(values[i])).ToArray());
    }

    private static (string Kind, float[] Values)? Weights(object? predictor)
    {
        switch (predictor)
        {
            case TreeEnsembleModelParameters trees:
                var gains = default(VBuffer<float>);
                trees.GetFeatureWeights(ref gains);
                return ("gain", gains.DenseValues().ToArray());
            case LinearModelParameters linear:
                return ("weight", linear.Weights.ToArray());
            case LinearMulticlassModelParametersBase multiclass:
                VBuffer<float>[] perClass = [];
                multiclass.GetWeights(ref perClass, out var classes);
                var dense = perClass.Take(classes).Select(w => w.DenseValues().ToArray()).ToArray();
                var length = dense.Length == 0 ? 0 : dense.Min(w => w.Length);
                return ("mean absolute weight", Enumerable.Range(0, length).Select(f => dense.Average(w => Math.Abs(w[f]))).ToArray());
            case not null when predictor.GetType().GetProperties().FirstOrDefault(p => p.Name == "SubModel")?.GetValue(predictor) is { } subModel:
                // A calibrated binary model wraps the trained one; the weights are the sub-model's. (The property is
                // declared again in derived classes, so a lookup by name alone would be ambiguous.)
                return Weights(subModel);
            default:
                return null;
        }
    }

    /// <summary>A multiclass label's values in key order: the order of the scores.</summary>
    public static List<string> ClassNames(DataViewSchema.Column keyColumn)
    {
        var count = keyColumn.Type is KeyDataViewType key ? (int)key.Count : 0;
        var names = new List<string>();
        {
            if (keyColumn.HasKeyValues(TextDataViewType.Instance))
            {
                var values = default(VBuffer<ReadOnlyMemory<char>>);
                keyColumn.GetKeyValues(ref values);
                names.AddRange(values.DenseValues().Select(v => v.ToString()));
            }
            else if (keyColumn.HasKeyValues(NumberDataViewType.Single))
            {
                var values = default(VBuffer<float>);
                keyColumn.GetKeyValues(ref values);
                names.AddRange(values.DenseValues().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            }
        }
        for (var i = names.Count; i < count; i++)
        {
            names.Add($"class {i + 1}");
        }
        return names;
    }

    private static long[][] Rows(long[,] matrix) =>
        Enumerable.Range(0, matrix.GetLength(0)).Select(r => Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToArray()).ToArray();

    private static double Round(float value) => float.IsFinite(value) ? Math.Round(value, 6) : double.NaN;
}
