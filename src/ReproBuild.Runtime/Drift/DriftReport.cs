namespace ReproBuild.Runtime.Drift;

/// <summary>A dataset's drift against a model's reference: every compared column, and whether enough of them drifted.</summary>
/// <param name="Model">The model whose reference was compared with.</param>
/// <param name="Source">What was compared (a file name, a service window).</param>
/// <param name="CurrentRows">Rows in the current data.</param>
/// <param name="Columns">Each column's result, in the model's order.</param>
/// <param name="MaxDriftShare">The share of drifted columns at which the dataset drifts.</param>
public sealed record DriftReport(string Model, string Source, long CurrentRows, IReadOnlyList<ColumnDrift> Columns, double MaxDriftShare)
{
    /// <summary>The columns that were compared.</summary>
    public int ComparedColumns => Columns.Count(c => c.Method is not null);

    /// <summary>The columns that drifted.</summary>
    public IReadOnlyList<ColumnDrift> DriftedColumns => [.. Columns.Where(c => c.Drifted)];

    /// <summary>The share of compared columns that drifted.</summary>
    public double DriftShare => ComparedColumns == 0 ? 0 : (double)DriftedColumns.Count / ComparedColumns;

    /// <summary>Whether the dataset drifted: at least <see cref="MaxDriftShare"/> of the compared columns did (Evidently's rule).</summary>
    public bool DatasetDrift => ComparedColumns > 0 && DriftShare >= MaxDriftShare;

    /// <summary>One line: <c>Cancer on current.csv: 3 of 9 columns drifted (0.33; the dataset drifts at 0.5)</c>.</summary>
    public string Summary =>
        $"{Model} on {Source}: {DriftedColumns.Count} of {ComparedColumns} columns drifted (share {DriftReference.Format(DriftShare)}; the dataset drifts at {DriftReference.Format(MaxDriftShare)})";
}
