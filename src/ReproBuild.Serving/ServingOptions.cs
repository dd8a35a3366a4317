namespace ReproBuild.Serving;

/// <summary>How <see cref="ServingEndpoints"/> serves the models: request limits and the model behind <c>POST /invocations</c>.</summary>
public sealed class ServingOptions
{
    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The model MLflow-style <c>POST /invocations</c> scores. Default: the only model, when exactly one is served; with
    /// several, <c>POST /models/{name}/invocations</c> always works and <c>/invocations</c> needs this set.
    /// </summary>
    public string? InvocationsModel { get; set; }

    /// <summary>How many input problems one 400 answer lists at most (the count of all of them is always given). Default 20.</summary>
    public int MaxProblemsListed { get; set; } = 20;

    /// <summary>
    /// How many of the most recent scored input rows each model keeps to compare with its training data
    /// (<c>GET /models/{name}/drift</c> and the drift gauges). Default 1000.
    /// </summary>
    public int DriftWindowSize { get; set; } = 1000;
}
