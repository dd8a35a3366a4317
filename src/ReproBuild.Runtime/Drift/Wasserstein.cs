namespace ReproBuild.Runtime.Drift;

/// <summary>
/// The first Wasserstein (earth mover's) distance between two samples, as <c>scipy.stats.wasserstein_distance</c>:
/// the area between their empirical distribution functions. Evidently divides it by the reference's standard
/// deviation (at least 0.001) so that one threshold fits columns of any scale.
/// </summary>
internal static class Wasserstein
{
    /// <summary>The distance between two samples sorted ascending.</summary>
    public static double Distance(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        double n1 = sorted1.Length, n2 = sorted2.Length;
        int i = 0, j = 0;
        var previous = Math.Min(sorted1[0], sorted2[0]);
        var area = 0.0;
        while (i < sorted1.Length || j < sorted2.Length)
        {
            var x = j >= sorted2.Length || (i < sorted1.Length && sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            area += Math.Abs(i / n1 - j / n2) * (x - previous);
            previous = x;
            while (i < sorted1.Length && sorted1[i] <= x)
            {
                i++;
            }
            while (j < sorted2.Length && sorted2[j] <= x)
            {
                j++;
            }
        }
        return area;
    }

    /// <summary>Evidently's normed distance: the distance over max(reference standard deviation, 0.001).</summary>
    public static double Normed(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, double referenceDeviation) =>
        Distance(sortedReference, sortedCurrent) / Math.Max(referenceDeviation, 0.001);
}
