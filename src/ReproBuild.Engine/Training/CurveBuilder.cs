using ReproBuild.Engine.Outputs;

namespace ReproBuild.Engine.Training;

/// <summary>
/// ROC and precision-recall curves from scores and actual classes, one point per distinct score threshold (ties
/// move together, as in scikit-learn), then thinned to a fixed number of evenly spaced points so that a report stays
/// small whatever the size of the test set. Pure arithmetic on the scores: the same scores give the same curves.
/// </summary>
internal static class CurveBuilder
{
    /// <summary>Both curves for one positive class; null when the data has no positive or no negative example.</summary>
    public static ClassCurves? Build(string positiveClass, IReadOnlyList<(float Score, bool Positive)> scored, int maxPoints)
    {
        var positives = scored.Count(s => s.Positive);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        // Highest score first; the index breaks ties so the order never depends on the sort algorithm.
        var order = Enumerable.Range(0, scored.Count).OrderByDescending(i => scored[i].Score).ThenBy(i => i).ToArray();
        var falsePositiveRate = new List<double> { 0 };
        var truePositiveRate = new List<double> { 0 };
        var recall = new List<double> { 0 };
        var precision = new List<double> { 1 };
        long truePositives = 0, falsePositives = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (scored[order[k]].Positive)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }
            var lastOfThreshold = k == order.Length - 1 || scored[order[k + 1]].Score != scored[order[k]].Score;
            if (lastOfThreshold)
            {
                falsePositiveRate.Add((double)falsePositives / negatives);
                truePositiveRate.Add((double)truePositives / positives);
                recall.Add((double)truePositives / positives);
                precision.Add((double)truePositives / (truePositives + falsePositives));
            }
        }
        return new ClassCurves(
            positiveClass,
            new Curve(Thin(falsePositiveRate, maxPoints), Thin(truePositiveRate, maxPoints)),
            new Curve(Thin(recall, maxPoints), Thin(precision, maxPoints)));
    }

    /// <summary>At most <paramref name="maxPoints"/> values, evenly spaced by index, first and last always kept; rounded to 6 decimals.</summary>
    public static IReadOnlyList<double> Thin(IReadOnlyList<double> values, int maxPoints) =>
        EvenIndices(values.Count, maxPoints).Select(i => Math.Round(values[i], 6)).ToArray();

    /// <summary>Indices 0..count-1 when they fit, else <paramref name="maxPoints"/> of them spread evenly from first to last.</summary>
    public static IEnumerable<int> EvenIndices(int count, int maxPoints)
    {
        if (count <= maxPoints)
        {
            return Enumerable.Range(0, count);
        }
        return Enumerable.Range(0, maxPoints).Select(i => (int)Math.Round(i * (count - 1) / (double)(maxPoints - 1), MidpointRounding.AwayFromZero)).Distinct();
    }
}
