using MathNet.Numerics;

namespace ReproBuild.Runtime.Drift;

/// <summary>
/// Pearson's chi-square goodness-of-fit test as Evidently applies it (<c>scipy.stats.chisquare</c>): the current
/// counts of every category either side has, against the reference's frequencies scaled to the current total.
/// </summary>
internal static class ChiSquare
{
    /// <summary>The statistic and its p-value; a category the reference never saw makes the statistic infinite and the p-value 0.</summary>
    public static (double Statistic, double PValue) Test(IReadOnlyList<double> observed, IReadOnlyList<double> expected)
    {
        var statistic = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var difference = observed[i] - expected[i];
            statistic += difference == 0 ? 0 : difference * difference / expected[i];
        }
        var freedom = observed.Count - 1;
        if (freedom < 1)
        {
            return (statistic, 1.0); // one category on both sides: nothing to tell apart
        }
        return (statistic, double.IsPositiveInfinity(statistic) ? 0.0 : Survival(statistic, freedom));
    }

    /// <summary>P(χ²_k &gt; x): the upper regularised incomplete gamma function Q(k/2, x/2), precise for tiny p-values too (1 − CDF is not).</summary>
    public static double Survival(double x, int freedom) => x <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(freedom / 2.0, x / 2.0);
}
