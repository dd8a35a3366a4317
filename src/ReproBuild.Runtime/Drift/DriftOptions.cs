namespace ReproBuild.Runtime.Drift;

/// <summary>What to compare and how; every member left unset follows Evidently's defaults.</summary>
public sealed record DriftOptions
{
    /// <summary>Evidently's default share of drifted columns at which the dataset drifts.</summary>
    public const double DefaultMaxDriftShare = 0.5;

    /// <summary>One method for every column it fits (the others keep their default); null for each column's default.</summary>
    public DriftMethod? Method { get; init; }

    /// <summary>The threshold for <see cref="Method"/> (or for every column's default method); null for the method's default.</summary>
    public double? Threshold { get; init; }

    /// <summary>The columns to compare; null or empty for every column of the reference.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The dataset drifts when at least this share of the compared columns drift.</summary>
    public double MaxDriftShare { get; init; } = DefaultMaxDriftShare;
}
