using System.Text.Json;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Engine.Tests.Drift;

/// <summary>
/// Every drift statistic against SciPy's on the same data (Drift/scipy-expected.json, written by
/// Drift/scipy_expected.py with Debian's python3-scipy): a user comparing ReproBuild's numbers with Evidently's
/// sees the same numbers.
/// </summary>
[TestClass]
public sealed class DriftStatisticsTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Drift", "scipy-expected.json"))).RootElement;

    public static IEnumerable<object[]> NumericCases => Expected.GetProperty("numeric").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> CategoricalCases => Expected.GetProperty("categorical").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [TestMethod]
    [DynamicData(nameof(NumericCases))]
    public void KolmogorovSmirnovMatchesScipysExactTwoSampleTest(string name)
    {
        var (reference, current, expected) = Numeric(name);
        var (statistic, p) = KolmogorovSmirnov.Test(reference, current);
        Assert.AreEqual(expected.GetProperty("ksStatistic").GetDouble(), statistic, 1e-12, name);
        AssertClose(expected.GetProperty("ksPValue").GetDouble(), p, name);
        // SciPy's default method switches to an asymptotic value past 10,000 values; the drift decision is the same.
        Assert.AreEqual(expected.GetProperty("ksPValueScipyDefault").GetDouble() <= 0.05, p <= 0.05, name);
    }

    [TestMethod]
    [DynamicData(nameof(NumericCases))]
    public void NormedWassersteinMatchesScipyOverNumpysDeviation(string name)
    {
        var (reference, current, expected) = Numeric(name);
        var deviation = Math.Sqrt(reference.Sum(v => (v - reference.Average()) * (v - reference.Average())) / reference.Length);
        Assert.AreEqual(expected.GetProperty("referenceDeviation").GetDouble(), deviation, 1e-12, name);
        AssertClose(expected.GetProperty("wassersteinNormed").GetDouble(), Wasserstein.Normed(reference, current, deviation), name);
    }

    [TestMethod]
    [DynamicData(nameof(NumericCases))]
    public void JensenShannonAndPsiOfNumbersMatchScipyOverEvidentlysBins(string name)
    {
        var (reference, current, expected) = Numeric(name);
        var (referenceShares, currentShares) = Binning.Numeric(reference, current);
        AssertClose(expected.GetProperty("jensenShannon").GetDouble(), JensenShannon.Distance(referenceShares, currentShares), name);
        AssertClose(expected.GetProperty("psi").GetDouble(), PopulationStability.Index(referenceShares, currentShares), name);
    }

    [TestMethod]
    [DynamicData(nameof(CategoricalCases))]
    public void ChiSquareJensenShannonAndPsiOfCategoriesMatchScipy(string name)
    {
        var expected = Expected.GetProperty("categorical").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var reference = Counts(expected.GetProperty("reference"));
        var current = Counts(expected.GetProperty("current"));
        AssertClose(expected.GetProperty("chiSquarePValue").GetDouble(), DriftDetector.CategoricalChiSquare(reference, current), name);
        var (referenceShares, currentShares) = Binning.Categorical(reference, current);
        AssertClose(expected.GetProperty("jensenShannon").GetDouble(), JensenShannon.Distance(referenceShares, currentShares), name);
        AssertClose(expected.GetProperty("psi").GetDouble(), PopulationStability.Index(referenceShares, currentShares), name);
    }

    [TestMethod]
    public void ChiSquareSurvivalIsPreciseFarIntoTheTail()
    {
        // scipy.stats.chi2.sf(400, 3) = 2.2138865931011112e-86: 1 − CDF would round it to 0.
        Assert.AreEqual(2.2138865931011112e-86, ChiSquare.Survival(400, 3), 1e-95);
    }

    private static (double[] Reference, double[] Current, JsonElement Expected) Numeric(string name)
    {
        var expected = Expected.GetProperty("numeric").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var reference = expected.GetProperty("reference").EnumerateArray().Select(v => v.GetDouble()).Order().ToArray();
        var current = expected.GetProperty("current").EnumerateArray().Select(v => v.GetDouble()).Order().ToArray();
        return (reference, current, expected);
    }

    private static Dictionary<string, long> Counts(JsonElement values) =>
        values.EnumerateArray().GroupBy(v => v.GetString()!).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    // Relative agreement to 1e-9 (absolute near zero): the same arithmetic, summed in another order.
    private static void AssertClose(double expected, double actual, string name) =>
        Assert.AreEqual(expected, actual, Math.Max(Math.Abs(expected) * 1e-9, 1e-15), $"{name}: expected {expected:R}, got {actual:R}");
}
