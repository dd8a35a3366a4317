namespace ReproBuild.Runtime.TypedApi;

/// <summary>The output columns of a binary classifier without calibration, as ML.NET writes them; the typed API converts them to the model's prediction class.</summary>
public sealed class BinaryOutput
{
    /// <summary>ML.NET's <c>PredictedLabel</c> column.</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>ML.NET's <c>Score</c> column.</summary>
    public float Score { get; set; }
}
