using System.Text.Json;
using ReproBuild.Engine.Outputs;
using ReproBuild.Engine.Training;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

/// <summary><c>evaluation.json</c>: the plot data training writes beside the model, per task, bounded and deterministic.</summary>
[TestClass]
public sealed class EvaluationDocumentTests : TempFolderTest
{
    private static JsonElement Evaluation(TrainingFixture.Run run)
    {
        run.AssertSucceeded();
        using var document = JsonDocument.Parse(File.ReadAllText(run.OutputFile(ModelOutputFiles.Evaluation)));
        return document.RootElement.Clone();
    }

    [TestMethod]
    public void BinaryEvaluationHasCurvesConfusionMatrixAndTreeGains()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(),
            TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", "NumberOfTrees=5;NumberOfLeaves=4;MinimumExampleCountPerLeaf=2"));
        var evaluation = Evaluation(run);

        Assert.AreEqual("BinaryClassification", evaluation.GetProperty("task").GetString());
        Assert.AreEqual(run.Result.TestRows, evaluation.GetProperty("rows").GetInt64());
        CollectionAssert.AreEqual(new[] { "0", "1" }, evaluation.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray());
        var matrix = evaluation.GetProperty("confusionMatrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToArray()).ToArray();
        Assert.AreEqual(run.Result.TestRows, matrix.Sum(r => r.Sum()), "every evaluated row is counted once");
        var accuracy = (matrix[0][0] + matrix[1][1]) / (double)run.Result.TestRows;
        Assert.AreEqual(run.Result.Metrics["Accuracy"]!.Value, accuracy, 1e-9, "the matrix agrees with ML.NET's accuracy");

        var curve = evaluation.GetProperty("curves")[0];
        Assert.AreEqual("1", curve.GetProperty("class").GetString());
        var fpr = curve.GetProperty("roc").GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var tpr = curve.GetProperty("roc").GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.AreEqual((0.0, 0.0), (fpr[0], tpr[0]));
        Assert.AreEqual((1.0, 1.0), (fpr[^1], tpr[^1]));
        Assert.IsLessThanOrEqualTo(EvaluationDocument.MaxCurvePoints, fpr.Length);
        var auc = fpr.Zip(tpr).Zip(fpr.Skip(1).Zip(tpr.Skip(1))).Sum(p => (p.Second.First - p.First.First) * (p.Second.Second + p.First.Second) / 2);
        Assert.AreEqual(run.Result.Metrics["AreaUnderRocCurve"]!.Value, auc, 1e-6, "the trapezoid area under the curve is ML.NET's AUC");

        var importance = evaluation.GetProperty("featureImportance");
        Assert.AreEqual("gain", importance.GetProperty("kind").GetString());
        var features = importance.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToArray();
        CollectionAssert.Contains(features, "x1");
        Assert.IsFalse(evaluation.TryGetProperty("points", out _), "classification has no regression points");
    }

    [TestMethod]
    public void MulticlassEvaluationHasOneCurvePerClassAndNamedClasses()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.MulticlassCsv(),
            TrainingFixture.Inputs(Catalog.MulticlassClassification, "species", "LbfgsMaximumEntropy"));
        var evaluation = Evaluation(run);

        var classes = evaluation.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "setosa", "versicolor", "virginica" }, classes);
        var matrix = evaluation.GetProperty("confusionMatrix");
        Assert.AreEqual(3, matrix.GetArrayLength());
        Assert.AreEqual(run.Result.TestRows, matrix.EnumerateArray().Sum(r => r.EnumerateArray().Sum(c => c.GetInt64())));
        Assert.AreEqual(3, evaluation.GetProperty("curves").GetArrayLength());
        Assert.AreEqual("mean absolute weight", evaluation.GetProperty("featureImportance").GetProperty("kind").GetString());
    }

    [TestMethod]
    public void RegressionEvaluationHasPredictedAndActualPoints()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.RegressionCsv(),
            TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca", "MaximumNumberOfIterations=5"));
        var evaluation = Evaluation(run);

        var points = evaluation.GetProperty("points");
        Assert.AreEqual(run.Result.TestRows, points.GetProperty("total").GetInt64());
        Assert.AreEqual(run.Result.TestRows, points.GetProperty("actual").GetArrayLength());
        Assert.AreEqual(run.Result.TestRows, points.GetProperty("predicted").GetArrayLength());
        var actual = points.GetProperty("actual").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var predicted = points.GetProperty("predicted").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var mae = actual.Zip(predicted).Average(p => Math.Abs(p.First - p.Second));
        Assert.AreEqual(run.Result.Metrics["MeanAbsoluteError"]!.Value, mae, 1e-3, "the points are the rows the metrics came from");
        Assert.AreEqual("weight", evaluation.GetProperty("featureImportance").GetProperty("kind").GetString());
        Assert.IsFalse(evaluation.TryGetProperty("curves", out _));
    }

    [TestMethod]
    public void SameInputsGiveTheSameEvaluationBytes()
    {
        var inputs = TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "LightGbm", "NumberOfIterations=5;MinimumExampleCountPerLeaf=2");
        var first = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), inputs, outputName: "first");
        var second = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), inputs, outputName: "second");

        first.AssertSucceeded();
        second.AssertSucceeded();
        CollectionAssert.AreEqual(File.ReadAllBytes(first.OutputFile(ModelOutputFiles.Evaluation)), File.ReadAllBytes(second.OutputFile(ModelOutputFiles.Evaluation)));
        Assert.IsTrue(Evaluation(first).TryGetProperty("featureImportance", out _), "a calibrated LightGbm model reports its trees' gains");
    }

    [TestMethod]
    public void CurvesAreThinnedToTheLimitKeepingBothEnds()
    {
        var scored = Enumerable.Range(0, 5000).Select(i => ((float)((i * 7919) % 5000), i % 3 == 0)).ToArray();
        var curves = CurveBuilder.Build("yes", scored, EvaluationDocument.MaxCurvePoints)!;

        Assert.AreEqual(EvaluationDocument.MaxCurvePoints, curves.Roc.X.Count);
        Assert.AreEqual(curves.Roc.X.Count, curves.Roc.Y.Count);
        Assert.AreEqual((0.0, 0.0), (curves.Roc.X[0], curves.Roc.Y[0]));
        Assert.AreEqual((1.0, 1.0), (curves.Roc.X[^1], curves.Roc.Y[^1]));
        Assert.AreEqual(1.0, curves.PrecisionRecall.X[^1], "the last threshold recalls every positive");
        Assert.AreEqual(1 / 3.0, curves.PrecisionRecall.Y[^1], 1e-3, "and its precision is the share of positives");
    }

    [TestMethod]
    public void TiedScoresMoveTogetherAndOneClassGivesNoCurve()
    {
        var curves = CurveBuilder.Build("p", [(1f, true), (1f, false), (0f, false), (0f, true)], 100)!;
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.0 }, curves.Roc.X.ToArray(), "one point per distinct score");
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.0 }, curves.Roc.Y.ToArray());

        Assert.IsNull(CurveBuilder.Build("p", [(1f, true), (0f, true)], 100));
    }
}
