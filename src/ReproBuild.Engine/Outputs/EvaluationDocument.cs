namespace ReproBuild.Engine.Outputs;

/// <summary>
/// <c>evaluation.json</c> in a model's output folder: what plots of the evaluation need — curves, confusion matrix,
/// predicted-versus-actual points, feature importance — computed from the same scored held-out rows as the metrics.
/// Content only (no times, no paths) and bounded in size, so equal inputs give equal bytes and a report stays small.
/// </summary>
/// <param name="Rows">Rows the model was evaluated on (before any sampling of <see cref="Points"/>).</param>
/// <param name="Classes">Class names in the order of the confusion matrix; binary: negative, then positive.</param>
/// <param name="ConfusionMatrix">Counts by actual class (rows) and predicted class (columns).</param>
/// <param name="Curves">Classification: per positive class (one-vs-rest for multiclass) its ROC and precision-recall curves.</param>
/// <param name="Points">Regression: actual and predicted values, sampled evenly when there are more than <see cref="MaxPoints"/>.</param>
/// <param name="FeatureImportance">The trainer's own feature weights, largest magnitude first; absent when the trainer gives none.</param>
internal sealed record EvaluationDocument(
    int FormatVersion,
    string Model,
    string Task,
    string Trainer,
    string EvaluatedOn,
    long Rows,
    IReadOnlyList<string>? Classes,
    IReadOnlyList<IReadOnlyList<long>>? ConfusionMatrix,
    IReadOnlyList<ClassCurves>? Curves,
    RegressionPoints? Points,
    FeatureImportance? FeatureImportance)
{
    public const int CurrentFormat = 1;

    /// <summary>At most this many points per curve.</summary>
    public const int MaxCurvePoints = 200;

    /// <summary>At most this many predicted-versus-actual points.</summary>
    public const int MaxPoints = 1000;

    /// <summary>At most this many features, by weight.</summary>
    public const int MaxFeatures = 30;
}

/// <param name="Class">The class treated as positive.</param>
/// <param name="Roc">False positive rate (x) against true positive rate (y).</param>
/// <param name="PrecisionRecall">Recall (x) against precision (y).</param>
internal sealed record ClassCurves(string Class, Curve Roc, Curve PrecisionRecall);

internal sealed record Curve(IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <param name="Total">Points before sampling.</param>
internal sealed record RegressionPoints(long Total, IReadOnlyList<double> Actual, IReadOnlyList<double> Predicted);

/// <param name="Kind">What the weights are: <c>gain</c> for tree ensembles, <c>weight</c> for linear models (features min-max normalised).</param>
/// <param name="Total">Features the model has, before keeping the largest.</param>
internal sealed record FeatureImportance(string Kind, int Total, IReadOnlyList<string> Features, IReadOnlyList<double> Weights);
