namespace ReproBuild.Runtime.Drift;

/// <summary>
/// The Jensen–Shannon distance between two distributions, as <c>scipy.spatial.distance.jensenshannon</c> with its
/// default natural logarithm (Evidently passes no base): the square root of the mean Kullback–Leibler divergence of
/// each from their average. 0 for the same distribution, at most √ln 2 ≈ 0.833.
/// </summary>
internal static class JensenShannon
{
    public static double Distance(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var sumP = p.Sum();
        var sumQ = q.Sum();
        var divergence = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var pi = p[i] / sumP;
            var qi = q[i] / sumQ;
            var mi = (pi + qi) / 2;
            divergence += RelativeEntropy(pi, mi) + RelativeEntropy(qi, mi);
        }
        return Math.Sqrt(Math.Max(divergence, 0) / 2);
    }

    // scipy.special.rel_entr: x log(x/y), 0 where x is 0.
    private static double RelativeEntropy(double x, double y) => x == 0 ? 0 : x * Math.Log(x / y);
}
