using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ReproBuild.Engine.Data;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Training;

/// <summary>
/// The estimator chain for one model, as ML.NET's own samples build it: missing numbers imputed with the mean,
/// text one-hot encoded (or, for the model's TextFeatures, featurised as free text: normalised words and
/// character n-grams), everything concatenated, min-max normalised for trainers that need it, then the
/// trainer. The featurisation is part of the saved model, so predictions take raw rows.
/// </summary>
internal static class FeaturePipeline
{
    public const string FeatureColumn = "__ReproBuildFeatures";

    /// <param name="freeText">The text features to featurise as free text rather than as categories.</param>
    public static IEstimator<ITransformer> Build(MLContext ml, TrainerSpec trainer, object options, Table table, IReadOnlyList<string> features, IReadOnlyCollection<string> freeText, string task)
    {
        var chain = new List<IEstimator<ITransformer>>();

        var numeric = features.Where(f => table.Find(f) is NumberColumn).Select(f => new InputOutputColumnPair(f, f)).ToArray();
        var categories = features.Where(f => table.Find(f) is TextColumn && !freeText.Contains(f)).Select(f => new InputOutputColumnPair(f, f)).ToArray();
        if (numeric.Length > 0)
        {
            chain.Add(ml.Transforms.ReplaceMissingValues(numeric, MissingValueReplacingEstimator.ReplacementMode.Mean));
        }
        if (categories.Length > 0)
        {
            chain.Add(ml.Transforms.Categorical.OneHotEncoding(categories));
        }
        foreach (var column in features.Where(freeText.Contains))
        {
            chain.Add(ml.Transforms.Text.FeaturizeText(column, column));
        }
        chain.Add(ml.Transforms.Concatenate(FeatureColumn, features.ToArray()));
        if (trainer.NeedsNormalization)
        {
            chain.Add(ml.Transforms.NormalizeMinMax(FeatureColumn));
        }
        chain.Add(trainer.Create(ml, options));
        return Chain(ml, chain, task);
    }

    /// <summary>
    /// The steps as one flat chain. A multiclass model predicts keys; the evaluator reads them from a column of their
    /// own and predictions get the label's values back, so every multiclass model ends so, a custom pipeline's too.
    /// </summary>
    public static IEstimator<ITransformer> Chain(MLContext ml, IEnumerable<IEstimator<ITransformer>> steps, string task)
    {
        var chain = steps.ToList();
        if (task == Catalog.MulticlassClassification)
        {
            chain.Add(ml.Transforms.CopyColumns(ModelEvaluator.KeyPredictionColumn, "PredictedLabel"));
            chain.Add(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        }
        return chain.Aggregate(new EstimatorChain<ITransformer>(), (all, next) => all.Append(next));
    }

    /// <summary>
    /// Multiclass labels become keys before training, outside the saved model: the model keeps the label names
    /// in its predicted-label column, so predictions need no label column and map back to the original values.
    /// </summary>
    public static ITransformer? FitLabelKeys(MLContext ml, IDataView data, string task, string label) =>
        task == Catalog.MulticlassClassification
            ? ml.Transforms.Conversion.MapValueToKey(ModelEvaluator.KeyLabelColumn, label).Fit(data)
            : null;

    /// <summary>The column the trainer reads its label from.</summary>
    public static string TrainerLabel(string task, string label) =>
        task == Catalog.MulticlassClassification ? ModelEvaluator.KeyLabelColumn : label;
}
