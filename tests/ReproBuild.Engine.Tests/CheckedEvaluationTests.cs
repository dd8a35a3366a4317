using System.Text.Json;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// `engine train` never records a bad value as a good one: a model that predicts NaN or infinity is refused with
/// nothing written (RB3010), and a metric that cannot be computed is null with a warning saying why (RB3011).
/// </summary>
[TestClass]
public sealed class CheckedEvaluationTests
{
    private const string FastTree = "NumberOfTrees=5;NumberOfLeaves=4;MinimumExampleCountPerLeaf=2";

    private TempFolder _temp = null!;

    [TestInitialize]
    public void CreateFolder() => _temp = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    private static string FirstRows(string csv, int rows) => string.Join('\n', csv.Split('\n').Take(rows + 1)) + "\n";

    [TestMethod]
    public void AModelThatPredictsInfinityIsRefusedAndNothingOfItIsWritten()
    {
        // A finite but huge learning rate: every tree's output overflows a float.
        var inputs = TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", FastTree + ";LearningRate=1e300", model: "Price");
        var run = TrainingFixture.Train(_temp, TrainingFixture.RegressionCsv(), inputs, element: (7, 5));

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{run.ProjectFile}(7,5) : error RB3010: model 'Price' predicts +infinity for ");
        StringAssert.Contains(run.Output, " held-out rows, so it is not written: trainer FastTree diverged.");
        StringAssert.Contains(run.Output, "LearningRate=1e300");
        Assert.IsFalse(Directory.Exists(run.OutputDirectory), "no model, provenance or metrics");
        Assert.IsFalse(Directory.Exists(Path.Combine(Path.GetDirectoryName(run.OutputDirectory)!, ".staging")), "the staging folder is removed");
        Assert.IsFalse(Directory.Exists(run.RunsDirectory) && Directory.EnumerateFiles(run.RunsDirectory).Any(), "no run record: nothing was made");
        Assert.IsFalse(run.Output.Contains("ReproBuild: trained", StringComparison.Ordinal));
    }

    [TestMethod]
    public void ZeroHeldOutRowsGiveNullMetricsAndAWarningThatSaysWhy()
    {
        var inputs = TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", FastTree, model: "Price") with { TestFraction = 0.001 };
        var run = TrainingFixture.Train(_temp, FirstRows(TrainingFixture.RegressionCsv(), 10), inputs, element: (9, 5));

        run.AssertSucceeded();
        StringAssert.Contains(run.Output, $"{run.ProjectFile}(9,5) : warning RB3011: model 'Price' has no metrics (all are null): the test split has 0 rows: TestFraction 0.001 of 10 rows.");
        Assert.AreEqual(0L, run.Result.TestRows);
        Assert.AreEqual(5, run.Result.Metrics.Count);
        Assert.IsTrue(run.Result.Metrics.Values.All(v => v is null), string.Join(", ", run.Result.Metrics));

        using var metrics = JsonDocument.Parse(File.ReadAllText(run.OutputFile(ModelOutputFiles.Metrics)));
        Assert.AreEqual(JsonValueKind.Null, metrics.RootElement.GetProperty("metrics").GetProperty("RootMeanSquaredError").ValueKind);
        using var provenance = JsonDocument.Parse(File.ReadAllText(run.OutputFile(ModelOutputFiles.Provenance)));
        Assert.AreEqual(JsonValueKind.Null, provenance.RootElement.GetProperty("predicate").GetProperty("reprobuild_metrics").GetProperty("RSquared").ValueKind);
    }

    [TestMethod]
    public void ZeroHeldOutRowsOfAClassifierGiveNullMetricsToo()
    {
        // Before: binary failed the build with ML.NET's "AUC is not defined", and multiclass recorded accuracies of 0.
        var binary = TrainingFixture.Train(
            _temp, FirstRows(TrainingFixture.BinaryCsv(), 30), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "LbfgsLogisticRegression") with { TestFraction = 0.001 }, outputName: "binary");
        var multiclass = TrainingFixture.Train(
            _temp, FirstRows(TrainingFixture.MulticlassCsv(), 30), TrainingFixture.Inputs(Catalog.MulticlassClassification, "species", "LbfgsMaximumEntropy") with { TestFraction = 0.001 }, outputName: "multiclass");

        foreach (var run in new[] { binary, multiclass })
        {
            run.AssertSucceeded();
            StringAssert.Contains(run.Output, "warning RB3011: model 'Model' has no metrics (all are null): the test split has 0 rows: TestFraction 0.001 of 30 rows.");
            Assert.IsTrue(run.Result.Metrics.Values.All(v => v is null), string.Join(", ", run.Result.Metrics));
            Assert.IsTrue(File.Exists(run.OutputFile(ModelOutputFiles.Evaluation)));
        }
        Assert.AreEqual(11, binary.Result.Metrics.Count, "a calibrated binary model lists every metric it has, each null");
    }

    [TestMethod]
    public void OneRowOfDataSaysSoInItsWarning()
    {
        var run = TrainingFixture.Train(_temp, FirstRows(TrainingFixture.RegressionCsv(), 1), TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", "NumberOfTrees=2;NumberOfLeaves=2;MinimumExampleCountPerLeaf=1"));

        run.AssertSucceeded();
        StringAssert.Contains(run.Output, "warning RB3011: model 'Model' has no metrics (all are null): the test split has 0 rows: TestFraction 0.2 of 1 row.");
    }

    [TestMethod]
    public void BinaryTestDataWithOneClassGivesNullMetricsInsteadOfFailingTheBuild()
    {
        var lines = TrainingFixture.BinaryCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var positivesOnly = lines[0] + "\n" + string.Join("\n", lines.Skip(1).Where(l => l.EndsWith(",1", StringComparison.Ordinal)).Take(12)) + "\n";
        var run = TrainingFixture.Train(_temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", FastTree), testCsv: positivesOnly);

        run.AssertSucceeded();
        StringAssert.Contains(run.Output, "warning RB3011: model 'Model' has no metrics (all are null): all 12 held-out rows have the same label, and binary metrics need both classes;");
        Assert.IsTrue(run.Result.Metrics.Values.All(v => v is null), string.Join(", ", run.Result.Metrics));
    }

    [TestMethod]
    public void AMulticlassMetricMLNetCannotComputeIsNullAndNamedAndTheOthersStay()
    {
        var lines = TrainingFixture.MulticlassCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var oneClass = lines[0] + "\n" + string.Join("\n", lines.Skip(1).Where(l => l.EndsWith(",setosa", StringComparison.Ordinal)).Take(10)) + "\n";
        var run = TrainingFixture.Train(
            _temp, TrainingFixture.MulticlassCsv(), TrainingFixture.Inputs(Catalog.MulticlassClassification, "species", "LbfgsMaximumEntropy", "MaximumNumberOfIterations=20"), testCsv: oneClass);

        run.AssertSucceeded();
        StringAssert.Contains(run.Output, "warning RB3011: metric LogLossReduction of model 'Model' cannot be computed (null): all 10 held-out rows have the same label");
        Assert.IsNull(run.Result.Metrics["LogLossReduction"]);
        Assert.IsNotNull(run.Result.Metrics["MicroAccuracy"]);
    }

    [TestMethod]
    public void AModelWithEveryMetricComputedHasNoWarning()
    {
        var run = TrainingFixture.Train(_temp, TrainingFixture.RegressionCsv(), TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", FastTree));

        run.AssertSucceeded();
        Assert.IsFalse(run.Output.Contains("RB3011", StringComparison.Ordinal), run.Output);
        Assert.IsTrue(run.Result.Metrics.Values.All(v => v is not null));
    }
}
