namespace ReproBuild.Runtime.Drift;

/// <summary>One column's drift: the statistic, its threshold and method, and both distributions over the same bins.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Method">The statistic used; null when the column was not compared.</param>
/// <param name="Threshold">The threshold it was held to.</param>
/// <param name="Score">The p-value or distance.</param>
/// <param name="Drifted">Whether the column drifted: a p-value at most, or a distance at least, the threshold.</param>
/// <param name="ReferenceCount">Values in the reference (missing ones not counted).</param>
/// <param name="CurrentCount">Values in the current data (missing ones not counted).</param>
/// <param name="NotCompared">Why the column was not compared; null when it was.</param>
/// <param name="Histogram">Both distributions over the same bins, for plots.</param>
public sealed record ColumnDrift(
    string Column,
    ColumnKind Kind,
    DriftMethod? Method,
    double Threshold,
    double Score,
    bool Drifted,
    long ReferenceCount,
    long CurrentCount,
    string? NotCompared,
    DriftHistogram Histogram)
{
    /// <summary>The column's result as a phrase: <c>'age': ks p-value 0.0012 ≤ 0.05</c>.</summary>
    public string Describe()
    {
        if (Method is not { } method)
        {
            return $"'{Column}': not compared ({NotCompared})";
        }
        var relation = method.IsPValue() ? (Drifted ? "<=" : ">") : (Drifted ? ">=" : "<");
        return $"'{Column}': {method.Name()} {(method.IsPValue() ? "p-value" : "distance")} {DriftReference.Format(Score)} {relation} threshold {DriftReference.Format(Threshold)}";
    }
}

/// <summary>Two distributions over the same bins: shares of each side's values.</summary>
/// <param name="Bins">Bin labels: a numeric range <c>[a, b)</c> or a category.</param>
/// <param name="Reference">The reference's share per bin.</param>
/// <param name="Current">The current data's share per bin.</param>
public sealed record DriftHistogram(IReadOnlyList<string> Bins, IReadOnlyList<double> Reference, IReadOnlyList<double> Current);
