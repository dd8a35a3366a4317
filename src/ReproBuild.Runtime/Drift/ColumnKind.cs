namespace ReproBuild.Runtime.Drift;

/// <summary>How a column's distribution is recorded and compared.</summary>
public enum ColumnKind
{
    /// <summary>Numbers: a sample or quantile sketch of the values.</summary>
    Numeric,

    /// <summary>Text or booleans: how often each value occurs.</summary>
    Categorical,
}
