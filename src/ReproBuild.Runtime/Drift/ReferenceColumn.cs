namespace ReproBuild.Runtime.Drift;

/// <summary>One input column's distribution in a model's training rows, as its drift reference records it.</summary>
public sealed class ReferenceColumn
{
    /// <summary>At most this many numbers are kept per numeric column: every value up to it, quantiles beyond.</summary>
    public const int MaxValues = 1000;

    /// <summary>At most this many categories are counted per column; a column with more is not compared.</summary>
    public const int MaxCategories = 1000;

    internal ReferenceColumn(string name, ColumnKind kind, long count, long missing)
    {
        Name = name;
        Kind = kind;
        Count = count;
        Missing = missing;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Values present in the training rows (missing ones not counted): what decides the default method.</summary>
    public long Count { get; }

    /// <summary>Missing values in the training rows.</summary>
    public long Missing { get; }

    /// <summary>Numeric: the mean of every value.</summary>
    public double Mean { get; internal init; }

    /// <summary>Numeric: the population standard deviation of every value (NumPy's <c>np.std</c>), which norms the Wasserstein distance.</summary>
    public double Deviation { get; internal init; }

    /// <summary>
    /// Numeric: every value, sorted, when the column has at most <see cref="MaxValues"/>; otherwise the
    /// <see cref="MaxValues"/> order statistics at the quantiles (k + ½)/<see cref="MaxValues"/>.
    /// </summary>
    public IReadOnlyList<float> Values { get; internal init; } = [];

    /// <summary>Numeric: whether <see cref="Values"/> holds every value (not a quantile sketch).</summary>
    public bool Exact => Kind == ColumnKind.Numeric && Values.Count == Count;

    /// <summary>Categorical: how often each value occurs; empty when the column has more than <see cref="MaxCategories"/> values.</summary>
    public IReadOnlyDictionary<string, long> Categories { get; internal init; } = new Dictionary<string, long>();

    /// <summary>Why the column cannot be compared (too many categories, no values); null when it can.</summary>
    public string? NotComparable { get; internal init; }
}
