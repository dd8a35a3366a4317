using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Training;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class TrainerOptionsBinderTests
{
    private const string ProjectFile = "/src/app/App.csproj";

    private static readonly TrainerSpec FastTree = TrainerRegistry.Find(Catalog.BinaryClassification, "FastTree");
    private static readonly TrainerSpec Sdca = TrainerRegistry.Find(Catalog.Regression, "Sdca");

    private static (object Options, string Output) Bind(TrainerSpec trainer, string parameters, int seed = 42)
    {
        var dictionary = parameters.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        var output = new StringWriter();
        var options = TrainerOptionsBinder.Bind(trainer, dictionary, seed, "Features", "Label", ProjectFile, new DiagnosticWriter(output));
        return (options, output.ToString());
    }

    [TestMethod]
    public void ParametersAreAppliedToTheTrainersOptions()
    {
        var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "NumberOfTrees=5;NumberOfLeaves=7;LearningRate=0.25;UnbalancedSets=true").Options;

        Assert.AreEqual(5, options.NumberOfTrees);
        Assert.AreEqual(7, options.NumberOfLeaves);
        Assert.AreEqual(0.25, options.LearningRate);
        Assert.IsTrue(options.UnbalancedSets);
        Assert.AreEqual("Features", options.FeatureColumnName);
        Assert.AreEqual("Label", options.LabelColumnName);
    }

    [TestMethod]
    public void ParameterNamesAreMatchedWithoutRegardToCase()
    {
        var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "numberoftrees=9;NUMBEROFLEAVES=4").Options;

        Assert.AreEqual(9, options.NumberOfTrees);
        Assert.AreEqual(4, options.NumberOfLeaves);
    }

    [TestMethod]
    public void EnumValuesAreParsedByName()
    {
        var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "EarlyStoppingMetric=L2Norm").Options;

        Assert.AreEqual(EarlyStoppingMetric.L2Norm, options.EarlyStoppingMetric);
    }

    [TestMethod]
    public void UnknownParameterIsRB1005ListingTheValidNames()
    {
        var error = Assert.ThrowsExactly<UserError>(() => Bind(FastTree, "NumberOfTreez=5"));

        Assert.AreEqual(ErrorCodes.UnknownParameter, error.Code);
        Assert.AreEqual(ProjectFile, error.File);
        StringAssert.Contains(error.Message, "'NumberOfTreez'");
        StringAssert.Contains(error.Message, "NumberOfTrees");
        StringAssert.Contains(error.Message, "LearningRate");
    }

    [TestMethod]
    public void ColumnNamesWiredByReproBuildCannotBeSetAsParameters()
    {
        var error = Assert.ThrowsExactly<UserError>(() => Bind(FastTree, "LabelColumnName=Other"));

        Assert.AreEqual(ErrorCodes.UnknownParameter, error.Code);
        Assert.IsFalse(error.Message.Contains("LabelColumnName,", StringComparison.Ordinal), "reserved names are not offered as valid parameters");
    }

    [TestMethod]
    [DataRow("NumberOfTrees=many", "a whole number")]
    [DataRow("NumberOfTrees=2.5", "a whole number")]
    [DataRow("LearningRate=fast", "a number")]
    [DataRow("UnbalancedSets=yes", "true or false")]
    [DataRow("EarlyStoppingMetric=Best", "L1Norm")]
    public void UnparsableValueIsRB1006SayingWhatIsExpected(string parameters, string expected)
    {
        var error = Assert.ThrowsExactly<UserError>(() => Bind(FastTree, parameters));

        Assert.AreEqual(ErrorCodes.InvalidParameterValue, error.Code);
        Assert.AreEqual(ProjectFile, error.File);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void NumbersAreParsedWithTheInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "LearningRate=0.5").Options;
            Assert.AreEqual(0.5, options.LearningRate);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
        Assert.ThrowsExactly<UserError>(() => Bind(FastTree, "LearningRate=0,5"));
    }

    [TestMethod]
    public void ThreadsArePinnedToOneAndTheSeedComesFromTheModel()
    {
        var (options, output) = Bind(FastTree, "", seed: 1234);

        var fastTree = (FastTreeBinaryTrainer.Options)options;
        Assert.AreEqual(1, fastTree.NumberOfThreads);
        Assert.AreEqual(1234, fastTree.Seed);
        Assert.AreEqual("", output, "no warning when the user left the thread count alone");
    }

    [TestMethod]
    public void SdcaThreadsArePinnedToOneToo()
    {
        var options = (SdcaRegressionTrainer.Options)Bind(Sdca, "").Options;

        Assert.AreEqual(1, options.NumberOfThreads);
    }

    [TestMethod]
    public void UserSeedParameterWinsOverTheModelSeed()
    {
        var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "Seed=7", seed: 1234).Options;

        Assert.AreEqual(7, options.Seed);
    }

    [TestMethod]
    public void MoreThanOneThreadIsAppliedWithWarningRB3004()
    {
        var (options, output) = Bind(FastTree, "NumberOfThreads=4");

        Assert.AreEqual(4, ((FastTreeBinaryTrainer.Options)options).NumberOfThreads);
        StringAssert.StartsWith(output, $"{ProjectFile} : warning RB3004: ");
        StringAssert.Contains(output, "NumberOfThreads=4");
    }

    [TestMethod]
    public void OneThreadSetExplicitlyGivesNoWarning()
    {
        var (_, output) = Bind(FastTree, "NumberOfThreads=1");

        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void SettableParametersOfEveryTrainerIncludeItsThreadCount()
    {
        foreach (var trainer in TrainerRegistry.All)
        {
            var parameters = TrainerOptionsBinder.SettableParameters(trainer.OptionsType);
            Assert.IsTrue(parameters.ContainsKey("NumberOfThreads"), $"{trainer.Task}/{trainer.Name} cannot be pinned to one thread");
        }
    }
}
