namespace ReproBuild.Runtime.Drift;

/// <summary>A drift statistic, by Evidently's name for it.</summary>
public enum DriftMethod
{
    /// <summary><c>ks</c>: two-sample Kolmogorov–Smirnov p-value (numeric columns); drift when it is at most the threshold (0.05).</summary>
    KolmogorovSmirnov,

    /// <summary><c>chisquare</c>: chi-square p-value (categorical columns); drift when it is at most the threshold (0.05).</summary>
    ChiSquare,

    /// <summary><c>wasserstein</c>: Wasserstein distance over the reference's standard deviation (numeric columns); drift at the threshold (0.1) or above.</summary>
    Wasserstein,

    /// <summary><c>jensenshannon</c>: Jensen–Shannon distance over Evidently's bins (any column); drift at the threshold (0.1) or above.</summary>
    JensenShannon,

    /// <summary><c>psi</c>: population stability index over Evidently's bins (any column); drift at the threshold (0.1) or above.</summary>
    PopulationStability,
}

/// <summary>Names, defaults and applicability of the drift methods.</summary>
public static class DriftMethods
{
    /// <summary>Evidently's names, as <c>Method</c> metadata and <c>--method</c> take them.</summary>
    public static IReadOnlyList<string> Names => Catalog.DriftMethods;

    /// <summary>Evidently's names for the numbers below: at most this many reference values, a p-value test; beyond, a distance.</summary>
    public const int SmallReference = 1000;

    /// <summary>The method of an Evidently name (case-insensitive); null for none.</summary>
    public static DriftMethod? Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ks" => DriftMethod.KolmogorovSmirnov,
        "chisquare" => DriftMethod.ChiSquare,
        "wasserstein" => DriftMethod.Wasserstein,
        "jensenshannon" => DriftMethod.JensenShannon,
        "psi" => DriftMethod.PopulationStability,
        _ => null,
    };

    /// <summary>Evidently's name of a method.</summary>
    public static string Name(this DriftMethod method) => Names[(int)method];

    /// <summary>Evidently's default threshold of a method.</summary>
    public static double DefaultThreshold(this DriftMethod method) => method.IsPValue() ? 0.05 : 0.1;

    /// <summary>Whether the score is a p-value (drift when low) rather than a distance (drift when high).</summary>
    public static bool IsPValue(this DriftMethod method) => method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare;

    /// <summary>Whether the method applies to a column of this kind.</summary>
    public static bool Fits(this DriftMethod method, ColumnKind kind) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein => kind == ColumnKind.Numeric,
        DriftMethod.ChiSquare => kind == ColumnKind.Categorical,
        _ => true,
    };

    /// <summary>
    /// Evidently's default for a column: Kolmogorov–Smirnov (numeric) or chi-square (categorical) for a reference of
    /// at most 1,000 values; normed Wasserstein (numeric) or Jensen–Shannon (categorical) beyond.
    /// </summary>
    public static DriftMethod Default(ColumnKind kind, long referenceCount) => (kind, referenceCount <= SmallReference) switch
    {
        (ColumnKind.Numeric, true) => DriftMethod.KolmogorovSmirnov,
        (ColumnKind.Numeric, false) => DriftMethod.Wasserstein,
        (_, true) => DriftMethod.ChiSquare,
        _ => DriftMethod.JensenShannon,
    };
}
