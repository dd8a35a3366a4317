namespace ReproBuild.Runtime.TypedApi;

/// <summary>The output columns of a calibrated binary classifier, as ML.NET writes them; the typed API converts them to the model's prediction class.</summary>
public sealed class CalibratedBinaryOutput
{
    /// <summary>ML.NET's <c>PredictedLabel</c> column.</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>ML.NET's <c>Score</c> column.</summary>
    public float Score { get; set; }

    /// <summary>ML.NET's <c>Probability</c> column.</summary>
    public float Probability { get; set; }
}
