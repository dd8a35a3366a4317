namespace ReproBuild.Testing;

/// <summary>
/// One gate on one metric of one model, as a <c>MetricGate</c> item declares it. The build generates a test per
/// gate that passes it to <see cref="MetricGates.Check"/>.
/// </summary>
/// <param name="Assembly">The name of the assembly the model is embedded in.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Metric">An ML.NET metric name for the model's task.</param>
public sealed record MetricGate(string Assembly, string Model, string Metric)
{
    /// <summary>The lowest acceptable value.</summary>
    public double? Minimum { get; init; }

    /// <summary>The highest acceptable value.</summary>
    public double? Maximum { get; init; }

    /// <summary>How far the value may fall below <see cref="Baseline"/>.</summary>
    public double? MaxDrop { get; init; }

    /// <summary>How far the value may rise above <see cref="Baseline"/>.</summary>
    public double? MaxRise { get; init; }

    /// <summary>The metric's value in the committed lock file, when the gate compares against it.</summary>
    public double? Baseline { get; init; }

    /// <summary>Where <see cref="Baseline"/> was read, for messages.</summary>
    public string? BaselineSource { get; init; }

    /// <summary>
    /// A delimited file to evaluate the shipped model on at test time, instead of reading the metrics the build
    /// recorded on its held-out data.
    /// </summary>
    public string? Dataset { get; init; }
}
