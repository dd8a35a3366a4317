namespace ReproBuild.Testing;

/// <summary>
/// One drift gate, as a <c>DriftGate</c> item declares it: current data compared with the training reference stamped
/// beside the shipped model. The build generates a test per gate that passes it to <see cref="DriftGates.Check"/>.
/// </summary>
/// <param name="Assembly">The name of the assembly the model is embedded in.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Dataset">The current data: a delimited file with a header naming the model's input columns.</param>
public sealed record DriftGate(string Assembly, string Model, string Dataset)
{
    /// <summary>An Evidently method name (ks, chisquare, wasserstein, jensenshannon, psi) for every column it fits; null for each column's default.</summary>
    public string? Method { get; init; }

    /// <summary>The method's threshold; null for its default (0.05 for p-values, 0.1 for distances).</summary>
    public double? Threshold { get; init; }

    /// <summary>The columns to compare; empty for all of the model's input columns.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The gate fails when at least this share of the compared columns drift.</summary>
    public double MaxDriftShare { get; init; } = 0.5;
}
