using Microsoft.ML;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// The evaluator shared by the build and test-time gates: a metric it cannot compute is null, never the 0 that
/// ML.NET gives for no rows or for rows whose score is NaN, and never an exception for a binary label with one class.
/// </summary>
[TestClass]
public sealed class ModelEvaluatorTests
{
    private static readonly MLContext Ml = new(seed: 0);

    private static TableDataView Regression(float[] labels, float[] scores) =>
        new([new NumberColumn("y", labels), new NumberColumn("Score", scores)], labels.Length);

    private static TableDataView Binary(bool[] labels, float[] scores, float[]? probabilities = null)
    {
        List<TableColumn> columns = [new BooleanColumn("label", labels), new NumberColumn("Score", scores), new BooleanColumn("PredictedLabel", scores.Select(s => s > 0).ToArray())];
        if (probabilities is not null)
        {
            columns.Add(new NumberColumn("Probability", probabilities));
        }
        return new TableDataView(columns, labels.Length);
    }

    [TestMethod]
    public void RegressionOnFiniteScoresGivesMLNetsNumbers()
    {
        var metrics = ModelEvaluator.Evaluate(Ml, Regression([1, 2, 3, 4], [1.5f, 2.5f, 2.5f, 3.5f]), Catalog.Regression, "y");

        Assert.AreEqual(0.5, metrics["MeanAbsoluteError"]!.Value, 1e-9);
        Assert.AreEqual(0.25, metrics["MeanSquaredError"]!.Value, 1e-9);
        Assert.AreEqual(0.8, metrics["RSquared"]!.Value, 1e-9);
    }

    [TestMethod]
    public void NoRowsGiveNullMetricsWhereMLNetGivesZero()
    {
        var empty = Regression([], []);
        Assert.AreEqual(0, Ml.Regression.Evaluate(empty, "y").MeanAbsoluteError, "what ML.NET itself says, and why the evaluator must not ask it");

        var metrics = ModelEvaluator.Evaluate(Ml, empty, Catalog.Regression, "y");

        CollectionAssert.AreEquivalent(new[] { "LossFunction", "MeanAbsoluteError", "MeanSquaredError", "RSquared", "RootMeanSquaredError" }, metrics.Keys.ToArray());
        Assert.IsTrue(metrics.Values.All(v => v is null), string.Join(", ", metrics));
    }

    [TestMethod]
    public void OneNaNScoreMakesEveryMetricNullWhereMLNetWouldSkipTheRow()
    {
        var scored = Regression([1, 2, 3], [1, float.NaN, 3]);

        var metrics = ModelEvaluator.Evaluate(Ml, scored, Catalog.Regression, "y");

        Assert.IsTrue(metrics.Values.All(v => v is null), string.Join(", ", metrics));
        var rows = ScoredRows.Read(scored, Catalog.Regression, "y");
        Assert.AreEqual(new ScoredRows(3, 1, float.NaN, false), rows);
    }

    [TestMethod]
    public void AnInfiniteProbabilityCountsLikeAnInfiniteScore()
    {
        var rows = ScoredRows.Read(Binary([true, false], [1, -1], [0.5f, float.PositiveInfinity]), Catalog.BinaryClassification, "label");

        Assert.AreEqual(1, rows.NonFinite);
        Assert.AreEqual(float.PositiveInfinity, rows.FirstNonFinite);
    }

    [TestMethod]
    public void ABinaryLabelWithOneClassGivesNullMetricsInsteadOfMLNetsException()
    {
        var scored = Binary([true, true, true], [1, 2, -1], [0.7f, 0.9f, 0.2f]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Ml.BinaryClassification.Evaluate(scored, "label"), "AUC is not defined when there is no negative class");

        var metrics = ModelEvaluator.Evaluate(Ml, scored, Catalog.BinaryClassification, "label");

        Assert.AreEqual(11, metrics.Count, "a calibrated model has the three calibration metrics too: " + string.Join(", ", metrics.Keys));
        Assert.IsTrue(metrics.Values.All(v => v is null), string.Join(", ", metrics));
        Assert.IsTrue(ScoredRows.Read(scored, Catalog.BinaryClassification, "label").SingleLabel);
    }

    [TestMethod]
    public void BinaryWithBothClassesIsEvaluated()
    {
        var metrics = ModelEvaluator.Evaluate(Ml, Binary([true, false, true, false], [2, -2, 1, 0.5f]), Catalog.BinaryClassification, "label");

        Assert.AreEqual(8, metrics.Count, "an uncalibrated model has no LogLoss: " + string.Join(", ", metrics.Keys));
        Assert.AreEqual(0.75, metrics["Accuracy"]!.Value, 1e-9);
        Assert.AreEqual(1.0, metrics["AreaUnderRocCurve"]!.Value, 1e-9);
    }

    [TestMethod]
    public void MetricNamesAreTheCatalogsForEveryTask()
    {
        foreach (var task in Catalog.Tasks)
        {
            CollectionAssert.AreEquivalent(Catalog.Metrics[task].ToArray(), ModelEvaluator.MetricNames(task, calibrated: true).ToArray(), task);
        }
    }
}
