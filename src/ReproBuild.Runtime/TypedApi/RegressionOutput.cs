namespace ReproBuild.Runtime.TypedApi;

/// <summary>The output column of a regression model, as ML.NET writes it; the typed API converts it to the model's prediction class.</summary>
public sealed class RegressionOutput
{
    /// <summary>ML.NET's <c>Score</c> column.</summary>
    public float Score { get; set; }
}
