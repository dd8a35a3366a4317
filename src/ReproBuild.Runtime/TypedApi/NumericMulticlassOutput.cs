namespace ReproBuild.Runtime.TypedApi;

/// <summary>The output columns of a multiclass classifier whose label is a number, as ML.NET writes them; the typed API converts them to the model's prediction class.</summary>
public sealed class NumericMulticlassOutput
{
    /// <summary>ML.NET's <c>PredictedLabel</c> column.</summary>
    public float PredictedLabel { get; set; }

    /// <summary>ML.NET's <c>Score</c> column: one score per class, in the order of the model's classes.</summary>
    public float[] Score { get; set; } = [];
}
