namespace ReproBuild.Engine.Tests;

/// <summary>
/// Every model's parameters are checked before any model trains — ReproBuild's own rules and the option checks
/// ML.NET makes — and a bad one is RB1006 at the model's element, never a crash of the engine.
/// </summary>
[TestClass]
public sealed class ParameterCheckTests
{
    private TempFolder _temp = null!;

    [TestInitialize]
    public void CreateFolder() => _temp = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    [TestMethod]
    public void AValueMLNetRefusesWhenCreatingTheTrainerIsRB1006WithItsReason()
    {
        // Before: ML.NET's ArgumentOutOfRangeException escaped the engine as RB3001 with a stack trace in its log.
        var run = TrainingFixture.Train(_temp, TrainingFixture.RegressionCsv(), TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca", "L2Regularization=-1"), element: (4, 5));

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{run.ProjectFile}(4,5) : error RB1006: parameter L2Regularization of trainer Sdca cannot be '-1': ML.NET says \"L2 constant must be non-negative.\"");
    }

    [TestMethod]
    public void AValueMLNetRefusesWhenTrainingStartsIsRB1006Too()
    {
        var run = TrainingFixture.Train(_temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", "NumberOfTrees=5;FeatureFraction=1.5"));

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{run.ProjectFile} : error RB1006: parameter FeatureFraction of trainer FastTree cannot be '1.5': ML.NET says \"Must be between 0 and 1.\"");
        Assert.IsFalse(Directory.Exists(run.OutputDirectory));
    }

    [TestMethod]
    public void ABadParameterFailsBeforeAnyModelTrains()
    {
        var (output, directories) = TrainingFixture.TrainAll(
            _temp,
            TrainingFixture.RegressionCsv(),
            TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", "NumberOfTrees=5;NumberOfLeaves=4", model: "Good"),
            TrainingFixture.Inputs(Catalog.Regression, "y", "FastTree", "NumberOfTrees=-5", model: "Bad"));

        var error = output.IndexOf("error RB1006: parameter NumberOfTrees of trainer FastTree expects a whole number of at least 1; '-5' is not one.", StringComparison.Ordinal);
        var trained = output.IndexOf("ReproBuild: trained Good", StringComparison.Ordinal);
        Assert.IsTrue(error >= 0 && trained > error, output);
        Assert.IsTrue(Directory.Exists(directories[0]), "the good model still trains");
        Assert.IsFalse(Directory.Exists(directories[1]));
    }

    [TestMethod]
    public void WarningsAboutAModelLandAtItsElementToo()
    {
        var run = TrainingFixture.Train(
            _temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", "NumberOfTrees=5;NumberOfThreads=2"), element: (11, 9));

        run.AssertSucceeded();
        StringAssert.Contains(run.Output, $"{run.ProjectFile}(11,9) : warning RB3004: NumberOfThreads=2");
        Assert.AreEqual(1, run.Output.Split("RB3004").Length - 1, "the parameter check before training reports no warning of its own: " + run.Output);
    }
}
