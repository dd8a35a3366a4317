using System.Globalization;

namespace ReproBuild.Runtime.Drift;

/// <summary>Compares current data with a reference column by column, with Evidently's defaults unless told otherwise.</summary>
internal static class DriftDetector
{
    /// <summary>The reference columns the options select.</summary>
    /// <exception cref="ArgumentException">A named column is not in the reference; a method fits none of the columns; a threshold or share out of range.</exception>
    public static IReadOnlyList<ReferenceColumn> Select(DriftReference reference, DriftOptions options)
    {
        if (options.Threshold is { } threshold && !(double.IsFinite(threshold) && threshold >= 0))
        {
            throw new ArgumentException($"the threshold {threshold.ToString(CultureInfo.InvariantCulture)} is not a number of 0 or more.");
        }
        if (!(options.MaxDriftShare > 0 && options.MaxDriftShare <= 1))
        {
            throw new ArgumentException($"the drift share {options.MaxDriftShare.ToString(CultureInfo.InvariantCulture)} is not a number above 0 and at most 1.");
        }
        var columns = reference.Columns;
        if (options.Columns is { Count: > 0 } names)
        {
            var unknown = names.Where(n => reference.Find(n) is null).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException(
                    $"model '{reference.Model}' takes no column {string.Join(", ", unknown.Select(n => $"'{n}'"))}; its input columns: {string.Join(", ", reference.Columns.Select(c => $"'{c.Name}'"))}.");
            }
            columns = [.. names.Distinct(StringComparer.Ordinal).Select(n => reference.Find(n)!)];
        }
        if (options.Method is { } method && !columns.Any(c => method.Fits(c.Kind)))
        {
            throw new ArgumentException($"method '{method.Name()}' fits none of the compared columns ({(method is DriftMethod.ChiSquare ? "it compares categorical columns" : "it compares numeric columns")}).");
        }
        return columns;
    }

    public static DriftReport Compare(DriftReference reference, IReadOnlyList<ReferenceColumn> columns, CurrentData current, DriftOptions options, string source)
    {
        var results = new List<ColumnDrift>();
        long rows = 0;
        foreach (var column in columns)
        {
            var values = current[column.Name];
            rows = Math.Max(rows, values.Count + values.Missing);
            results.Add(CompareColumn(column, values, options));
        }
        return new DriftReport(reference.Model, source, rows, results, options.MaxDriftShare);
    }

    private static ColumnDrift CompareColumn(ReferenceColumn reference, CurrentColumn current, DriftOptions options)
    {
        var empty = new DriftHistogram([], [], []);
        var notCompared = reference.NotComparable ?? (current.Count == 0 ? "the current data has no values in it" : null);
        if (notCompared is not null)
        {
            return new ColumnDrift(reference.Name, reference.Kind, null, 0, double.NaN, false, reference.Count, current.Count, notCompared, empty);
        }
        var method = options.Method is { } chosen && chosen.Fits(reference.Kind) ? chosen : DriftMethods.Default(reference.Kind, reference.Count);
        var threshold = options.Threshold ?? method.DefaultThreshold();
        var referenceValues = reference.Values.Select(v => (double)v).ToArray();
        double score;
        if (reference.Kind == ColumnKind.Numeric)
        {
            score = method switch
            {
                DriftMethod.KolmogorovSmirnov => KolmogorovSmirnov.Test(referenceValues, current.Sorted).PValue,
                DriftMethod.Wasserstein => Wasserstein.Normed(referenceValues, current.Sorted, reference.Deviation),
                _ => Distance(method, Binning.Numeric(referenceValues, current.Sorted)),
            };
        }
        else
        {
            score = method == DriftMethod.ChiSquare
                ? CategoricalChiSquare(reference.Categories, current.Categories)
                : Distance(method, Binning.Categorical(reference.Categories, current.Categories));
        }
        var drifted = method.IsPValue() ? score <= threshold : score >= threshold;
        var histogram = reference.Kind == ColumnKind.Numeric ? NumericHistogram(referenceValues, current.Sorted) : CategoricalHistogram(reference.Categories, current.Categories);
        return new ColumnDrift(reference.Name, reference.Kind, method, threshold, score, drifted, reference.Count, current.Count, null, histogram);
    }

    private static double Distance(DriftMethod method, (double[] Reference, double[] Current) shares) =>
        method == DriftMethod.PopulationStability ? PopulationStability.Index(shares.Reference, shares.Current) : JensenShannon.Distance(shares.Reference, shares.Current);

    // Evidently: the current counts against the reference counts scaled to the current total, over every value either side has.
    internal static double CategoricalChiSquare(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        var scale = (double)current.Values.Sum() / reference.Values.Sum();
        return ChiSquare.Test([.. keys.Select(k => (double)current.GetValueOrDefault(k))], [.. keys.Select(k => reference.GetValueOrDefault(k) * scale)]).PValue;
    }

    private static DriftHistogram NumericHistogram(double[] reference, double[] current)
    {
        var edges = Binning.SturgesEdges(reference, current);
        var labels = Enumerable.Range(0, edges.Length - 1)
            .Select(k => $"[{edges[k].ToString("G4", CultureInfo.InvariantCulture)}, {edges[k + 1].ToString("G4", CultureInfo.InvariantCulture)}{(k == edges.Length - 2 ? "]" : ")")}").ToArray();
        return new DriftHistogram(labels, Shares(Binning.Histogram(reference, edges)), Shares(Binning.Histogram(current, edges)));
    }

    private static DriftHistogram CategoricalHistogram(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        var (referenceShares, currentShares) = Binning.Categorical(reference, current);
        return new DriftHistogram(keys, referenceShares, currentShares);
    }

    private static double[] Shares(long[] counts)
    {
        var total = (double)counts.Sum();
        return [.. counts.Select(c => c / total)];
    }
}
