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
    [DataRow("LearningRate=fast", "a finite number")]
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
    [DataRow("LearningRate=NaN")]
    [DataRow("LearningRate=Infinity")]
    [DataRow("LearningRate=-Infinity")]
    [DataRow("LearningRate=1e999")]
    [DataRow("Bias=nan")]
    public void ANumberThatIsNotFiniteIsRB1006(string parameters)
    {
        var error = Assert.ThrowsExactly<UserError>(() => Bind(FastTree, parameters));

        Assert.AreEqual(ErrorCodes.InvalidParameterValue, error.Code);
        StringAssert.Contains(error.Message, "expects a finite number");
        StringAssert.Contains(error.Message, $"'{parameters.Split('=')[1]}' is not one");
    }

    [TestMethod]
    [DataRow("L2Regularization=NaN")]
    [DataRow("L1Regularization=-Infinity")]
    [DataRow("BiasLearningRate=1e39")]
    public void ASinglePrecisionOptionThatIsNotFiniteIsRB1006(string parameters)
    {
        // Sdca's L1/L2 options are float? and 1e39 overflows a float to infinity.
        var error = Assert.ThrowsExactly<UserError>(() => Bind(Sdca, parameters));

        Assert.AreEqual(ErrorCodes.InvalidParameterValue, error.Code);
        StringAssert.Contains(error.Message, "expects a finite number");
    }

    [TestMethod]
    [DataRow("NumberOfTrees=-5", "parameter NumberOfTrees of trainer FastTree expects a whole number of at least 1; '-5' is not one.")]
    [DataRow("NumberOfTrees=0", "parameter NumberOfTrees of trainer FastTree expects a whole number of at least 1; '0' is not one.")]
    [DataRow("NumberOfLeaves=0", "parameter NumberOfLeaves of trainer FastTree expects a whole number of at least 2; '0' is not one.")]
    [DataRow("NumberOfLeaves=1", "parameter NumberOfLeaves of trainer FastTree expects a whole number of at least 2; '1' is not one.")]
    [DataRow("MinimumExampleCountPerLeaf=-1", "parameter MinimumExampleCountPerLeaf of trainer FastTree expects a whole number of at least 0; '-1' is not one.")]
    [DataRow("NumberOfThreads=0", "parameter NumberOfThreads of trainer FastTree expects a whole number of at least 1; '0' is not one.")]
    public void ACountBelowItsLeastSensibleValueIsRB1006(string parameters, string message)
    {
        var error = Assert.ThrowsExactly<UserError>(() => Bind(FastTree, parameters));

        Assert.AreEqual(ErrorCodes.InvalidParameterValue, error.Code);
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void CountsAtTheirMinimumAndNegativeSeedsAndSentinelsAreAccepted()
    {
        var options = (FastTreeBinaryTrainer.Options)Bind(FastTree, "NumberOfTrees=1;NumberOfLeaves=2;Seed=-5;FeatureSelectionSeed=-1;HistogramPoolSize=-1").Options;

        Assert.AreEqual(1, options.NumberOfTrees);
        Assert.AreEqual(2, options.NumberOfLeaves);
        Assert.AreEqual(-5, options.Seed);
        Assert.AreEqual(-1, options.HistogramPoolSize);
        Assert.AreEqual(-1, ((SdcaRegressionTrainer.Options)Bind(Sdca, "ConvergenceCheckFrequency=-1").Options).ConvergenceCheckFrequency, "0 or less means: never check");
    }

    [TestMethod]
    public void EveryWholeNumberOptionOfEveryTrainerIsEitherACountOrDeclaredUnbounded()
    {
        foreach (var trainer in TrainerRegistry.All)
        {
            var defaults = Activator.CreateInstance(trainer.OptionsType)!;
            foreach (var (name, type) in TrainerOptionsBinder.SettableParameters(trainer.OptionsType))
            {
                var target = Nullable.GetUnderlyingType(type) ?? type;
                if (target != typeof(int) && target != typeof(long))
                {
                    continue;
                }
                var counted = CountParameters.Minimum.TryGetValue(name, out var minimum);
                Assert.AreNotEqual(counted, CountParameters.Unbounded.Contains(name), $"{trainer.Task}/{trainer.Name}: {name} must be in exactly one of CountParameters.Minimum and CountParameters.Unbounded");
                var member = (System.Reflection.MemberInfo?)trainer.OptionsType.GetField(name) ?? trainer.OptionsType.GetProperty(name)!;
                var value = member is System.Reflection.FieldInfo field ? field.GetValue(defaults) : ((System.Reflection.PropertyInfo)member).GetValue(defaults);
                if (counted && value is not null)
                {
                    Assert.IsGreaterThanOrEqualTo(minimum, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), $"{trainer.Task}/{trainer.Name}: ML.NET's default {name}={value} is below its minimum {minimum}");
                }
            }
        }
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
