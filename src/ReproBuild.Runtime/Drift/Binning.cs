namespace ReproBuild.Runtime.Drift;

/// <summary>
/// Evidently's binning for Jensen–Shannon and PSI (<c>get_binned_data</c>): a numeric column whose reference has
/// more than 20 distinct values is cut into NumPy's Sturges bins over both samples together
/// (<c>np.histogram_bin_edges(..., bins="sturges")</c>); any other column is counted value by value over the values
/// either side has. Each side's counts become shares of its own size.
/// </summary>
internal static class Binning
{
    public const int DistinctValuesForBins = 20;

    /// <summary>The shares of two numeric samples (sorted ascending) per bin or per value.</summary>
    public static (double[] Reference, double[] Current) Numeric(double[] sortedReference, double[] sortedCurrent)
    {
        if (Distinct(sortedReference) > DistinctValuesForBins)
        {
            var edges = SturgesEdges(sortedReference, sortedCurrent);
            return (Shares(Histogram(sortedReference, edges), sortedReference.Length), Shares(Histogram(sortedCurrent, edges), sortedCurrent.Length));
        }
        var keys = sortedReference.Concat(sortedCurrent).Distinct().Order().ToArray();
        return (Shares(CountsAt(sortedReference, keys), sortedReference.Length), Shares(CountsAt(sortedCurrent, keys), sortedCurrent.Length));
    }

    /// <summary>The shares of two sets of category counts over every category either side has.</summary>
    public static (double[] Reference, double[] Current) Categorical(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        var referenceTotal = reference.Values.Sum();
        var currentTotal = current.Values.Sum();
        return (
            [.. keys.Select(key => (double)reference.GetValueOrDefault(key) / referenceTotal)],
            [.. keys.Select(key => (double)current.GetValueOrDefault(key) / currentTotal)]);
    }

    /// <summary>NumPy's Sturges bin edges over both samples: ⌈log2(N) + 1⌉ equal bins from the smallest to the largest value.</summary>
    public static double[] SturgesEdges(double[] sorted1, double[] sorted2)
    {
        var minimum = Math.Min(sorted1[0], sorted2[0]);
        var maximum = Math.Max(sorted1[^1], sorted2[^1]);
        var size = sorted1.Length + sorted2.Length;
        var range = maximum - minimum;
        var bins = 1;
        if (range == 0)
        {
            (minimum, maximum) = (minimum - 0.5, maximum + 0.5);
        }
        else
        {
            bins = (int)Math.Ceiling(range / (range / (Math.Log2(size) + 1.0)));
        }
        // np.linspace: start + k·step, the last edge exactly the stop.
        var step = (maximum - minimum) / bins;
        var edges = new double[bins + 1];
        for (var k = 0; k < bins; k++)
        {
            edges[k] = k * step + minimum;
        }
        edges[bins] = maximum;
        return edges;
    }

    /// <summary>np.histogram's counts for explicit edges: [edge k, edge k+1), the last bin closed.</summary>
    public static long[] Histogram(double[] sorted, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        for (var k = 0; k < counts.Length; k++)
        {
            var from = LowerBound(sorted, edges[k]);
            var to = k == counts.Length - 1 ? UpperBound(sorted, edges[k + 1]) : LowerBound(sorted, edges[k + 1]);
            counts[k] = to - from;
        }
        return counts;
    }

    /// <summary>Evidently's <c>feel_zeroes</c>: an empty bin gets a millionth of the smallest share (or 0.0001 when that is larger), so logarithms stay finite.</summary>
    public static double[] FillZeroes(IReadOnlyList<double> shares)
    {
        var smallest = shares.Where(s => s != 0).DefaultIfEmpty(1).Min();
        var filler = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return [.. shares.Select(s => s == 0 ? filler : s)];
    }

    public static int Distinct(double[] sorted)
    {
        var distinct = sorted.Length > 0 ? 1 : 0;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }
        return distinct;
    }

    private static long[] CountsAt(double[] sorted, double[] keys) =>
        [.. keys.Select(key => (long)(UpperBound(sorted, key) - LowerBound(sorted, key)))];

    private static double[] Shares(long[] counts, int total) => [.. counts.Select(c => (double)c / total)];

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
