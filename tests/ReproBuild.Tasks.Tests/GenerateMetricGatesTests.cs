using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed partial class GenerateMetricGatesTests : TempFolderTest
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private string _lockFile = null!;
    private string _output = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _lockFile = Temp.File("Cancer/repro.lock.json");
        _output = Temp.File("Cancer.Tests/obj/ReproBuildMetricGates.g.cs");
    }

    /// <summary>A model as the model project's ReproBuildGetModels target describes it.</summary>
    private TaskItem Model(string name = "Cancer", string task = Catalog.BinaryClassification, string metrics = "Accuracy;AreaUnderRocCurve;F1Score")
    {
        var item = new TaskItem(name);
        item.SetMetadata("Task", task);
        item.SetMetadata("Metrics", metrics);
        item.SetMetadata("Sha256", "abc123");
        item.SetMetadata("AssemblyName", "Cancer");
        item.SetMetadata("LockFile", _lockFile);
        return item;
    }

    private static TaskItem Gate(string model, string metric, params (string Name, string Value)[] bounds)
    {
        var item = new TaskItem(model);
        item.SetMetadata("Metric", metric);
        foreach (var (name, value) in bounds)
        {
            item.SetMetadata(name, value);
        }
        return item;
    }

    /// <summary>The test project file, one MetricGate element per line given, starting at line 4.</summary>
    private string Project(params string[] gateElements) =>
        Temp.Write("Cancer.Tests/Cancer.Tests.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
            "  <!-- metric gates -->\n" +
            "  <ItemGroup>\n" +
            string.Concat(gateElements.Select(e => $"    {e}\n")) +
            "  </ItemGroup>\n" +
            "</Project>\n");

    /// <summary>Line and column (1-based) where <paramref name="element"/> starts in <paramref name="file"/>, the way MSBuild reports an element: at its '&lt;'.</summary>
    private static (int Line, int Column) Where(string file, string element)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(element, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }
        throw new AssertFailedException($"'{element}' is not in {file}");
    }

    private (bool Success, RecordingBuildEngine Engine) Run(string project, ITaskItem[] gates, ITaskItem[] models, bool failIfNotIncremental = false, string rootNamespace = "Cancer.Tests")
    {
        var engine = new RecordingBuildEngine(project);
        var task = new GenerateMetricGates
        {
            BuildEngine = engine,
            Gates = gates,
            Models = models,
            ProjectFile = project,
            RootNamespace = rootNamespace,
            OutputFile = _output,
            FailIfNotIncremental = failIfNotIncremental,
        };
        return (task.Execute(), engine);
    }

    /// <summary>Runs a single gate that must fail with <paramref name="code"/>, reported at that gate's element.</summary>
    private BuildErrorEventArgs SingleErrorAtTheGate(string element, TaskItem gate, ITaskItem[] models, string code)
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"Accuracy\" Minimum=\"0.5\" />", element);
        var (success, engine) = Run(project, [Gate("Cancer", "Accuracy", ("Minimum", "0.5")), gate], models);

        Assert.IsFalse(success, "a wrong gate fails the build");
        var error = engine.SingleError(code);
        Assert.AreEqual(project, error.File);
        var (line, column) = Where(project, element);
        Assert.AreEqual(line, error.LineNumber, $"reported at the gate's own line: {engine.Log}");
        Assert.AreEqual(column, error.ColumnNumber, $"reported at the gate's element: {engine.Log}");
        Assert.IsFalse(File.Exists(_output), "no test is generated, so no gate can pass silently");
        return error;
    }

    [TestMethod]
    public void UnknownModelIsRB5001AtTheGateListingTheModels()
    {
        var element = "<MetricGate Include=\"Cancr\" Metric=\"Accuracy\" Minimum=\"0.9\" />";

        var error = SingleErrorAtTheGate(element, Gate("Cancr", "Accuracy", ("Minimum", "0.9")), [Model("Iris", Catalog.MulticlassClassification, "MacroAccuracy"), Model("Cancer")], ErrorCodes.UnknownGateModel);

        StringAssert.Contains(error.Message, "'Cancr'");
        StringAssert.Contains(error.Message, "models: Cancer, Iris.");
    }

    [TestMethod]
    public void ModelNamesAreCaseSensitive()
    {
        var element = "<MetricGate Include=\"cancer\" Metric=\"Accuracy\" Minimum=\"0.9\" />";

        var error = SingleErrorAtTheGate(element, Gate("cancer", "Accuracy", ("Minimum", "0.9")), [Model()], ErrorCodes.UnknownGateModel);

        StringAssert.Contains(error.Message, "models: Cancer.");
    }

    [TestMethod]
    public void NoReferencedModelProjectIsRB5001AskingForAProjectReference()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"Accuracy\" Minimum=\"0.9\" />");

        var (success, engine) = Run(project, [Gate("Cancer", "Accuracy", ("Minimum", "0.9"))], []);

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.UnknownGateModel);
        StringAssert.Contains(error.Message, "'Cancer'");
        StringAssert.Contains(error.Message, "ProjectReference");
        Assert.AreEqual((4, 5), (error.LineNumber, error.ColumnNumber));
        Assert.IsFalse(File.Exists(_output));
    }

    [TestMethod]
    public void UnknownMetricIsRB5002AtTheGateListingTheModelsMetrics()
    {
        var element = "<MetricGate Include=\"Cancer\" Metric=\"Precision\" Minimum=\"0.9\" />";

        var error = SingleErrorAtTheGate(element, Gate("Cancer", "Precision", ("Minimum", "0.9")), [Model()], ErrorCodes.UnknownGateMetric);

        StringAssert.Contains(error.Message, "'Precision'");
        StringAssert.Contains(error.Message, "(BinaryClassification)");
        StringAssert.Contains(error.Message, "its metrics: Accuracy, AreaUnderRocCurve, F1Score.");
    }

    [TestMethod]
    public void MetricsTheLastBuildRecordedAreTheOnlyValidOnes()
    {
        // Entropy is in the catalogue, but this model's build did not record it.
        var element = "<MetricGate Include=\"Cancer\" Metric=\"Entropy\" Maximum=\"1\" />";

        SingleErrorAtTheGate(element, Gate("Cancer", "Entropy", ("Maximum", "1")), [Model()], ErrorCodes.UnknownGateMetric);
    }

    [TestMethod]
    public void WithoutRecordedMetricsTheCatalogueOfTheTaskDecides()
    {
        // A model project that was never built: DescribeModels knows its task but no metrics.
        var element = "<MetricGate Include=\"Diabetes\" Metric=\"F1Score\" Minimum=\"0.9\" />";
        var diabetes = Model("Diabetes", Catalog.Regression, metrics: "");

        var error = SingleErrorAtTheGate(element, Gate("Diabetes", "F1Score", ("Minimum", "0.9")), [Model(), diabetes], ErrorCodes.UnknownGateMetric);

        StringAssert.Contains(error.Message, "(Regression)");
        StringAssert.Contains(error.Message, $"its metrics: {string.Join(", ", Catalog.Metrics[Catalog.Regression])}.");

        var project = Project("<MetricGate Include=\"Diabetes\" Metric=\"LossFunction\" Maximum=\"10\" />");
        var (success, engine) = Run(project, [Gate("Diabetes", "LossFunction", ("Maximum", "10"))], [diabetes]);
        Assert.IsTrue(success, engine.Log);
        StringAssert.Contains(File.ReadAllText(_output), "DisplayName = \"Diabetes: LossFunction <= 10\"");
    }

    [TestMethod]
    public void GateOnAMissingDatasetFileIsRB5005()
    {
        var element = "<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.9\" Dataset=\"data/holdout.csv\" />";

        var error = SingleErrorAtTheGate(element, Gate("Cancer", "F1Score", ("Minimum", "0.9"), ("Dataset", "data/holdout.csv")), [Model()], ErrorCodes.GateDatasetNotFound);

        StringAssert.Contains(error.Message, Path.Combine("Cancer.Tests", "data", "holdout.csv"));
    }

    [TestMethod]
    public void GateOnADatasetCopiesItBesideTheTestsAndEvaluatesThere()
    {
        var element = "<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.9\" Dataset=\"data/holdout.csv\" />";
        var project = Project(element);
        var dataset = Temp.Write("Cancer.Tests/data/holdout.csv", "a,label\n1,yes\n");
        var engine = new RecordingBuildEngine(project);
        var task = new GenerateMetricGates
        {
            BuildEngine = engine,
            Gates = [Gate("Cancer", "F1Score", ("Minimum", "0.9"), ("Dataset", "data/holdout.csv"))],
            Models = [Model()],
            ProjectFile = project,
            RootNamespace = "Cancer.Tests",
            OutputFile = _output,
        };

        Assert.IsTrue(task.Execute(), engine.Log);

        var copy = task.GateDatasets.Single();
        Assert.AreEqual(dataset, copy.ItemSpec);
        Assert.AreEqual(Path.Combine("reprobuild-gates", "holdout.csv"), copy.GetMetadata("TargetPath"));
        Assert.AreEqual("PreserveNewest", copy.GetMetadata("CopyToOutputDirectory"));
        var code = File.ReadAllText(_output);
        StringAssert.Contains(code, "DisplayName = \"Cancer: F1Score >= 0.9 on holdout.csv\"");
        StringAssert.Contains(code, "Dataset = global::System.IO.Path.Combine(global::System.AppContext.BaseDirectory, \"reprobuild-gates\", \"holdout.csv\"),");
        Assert.IsFalse(code.Contains(Temp.Path, StringComparison.Ordinal), "the generated tests hold no absolute path");
    }

    [TestMethod]
    public void GateWithoutABoundIsRB5003()
    {
        var element = "<MetricGate Include=\"Cancer\" Metric=\"F1Score\" />";

        var error = SingleErrorAtTheGate(element, Gate("Cancer", "F1Score"), [Model()], ErrorCodes.GateWithoutBound);

        StringAssert.Contains(error.Message, "F1Score");
        StringAssert.Contains(error.Message, "Minimum, Maximum, MaxDrop or MaxRise");
    }

    [TestMethod]
    [DataRow("Minimum", "high")]
    [DataRow("Maximum", "NaN")]
    [DataRow("Maximum", "Infinity")]
    [DataRow("Minimum", "0,9")]
    [DataRow("MaxDrop", "-0.01")]
    [DataRow("MaxDrop", "a lot")]
    [DataRow("MaxRise", "-1")]
    public void BoundThatIsNotAUsableNumberIsRB5004(string bound, string value)
    {
        var element = $"<MetricGate Include=\"Cancer\" Metric=\"F1Score\" {bound}=\"{value}\" />";

        var error = SingleErrorAtTheGate(element, Gate("Cancer", "F1Score", (bound, value)), [Model()], ErrorCodes.InvalidGateBound);

        StringAssert.Contains(error.Message, $"{bound} '{value}'");
    }

    [TestMethod]
    public void NegativeMinimumAndMaximumAreAllowed()
    {
        // RSquared can be below zero.
        var project = Project("<MetricGate Include=\"Diabetes\" Metric=\"RSquared\" Minimum=\"-0.5\" Maximum=\"-0.25\" />");

        var (success, engine) = Run(project, [Gate("Diabetes", "RSquared", ("Minimum", "-0.5"), ("Maximum", "-0.25"))], [Model("Diabetes", Catalog.Regression, "RSquared")]);

        Assert.IsTrue(success, engine.Log);
        var code = File.ReadAllText(_output);
        StringAssert.Contains(code, "Minimum = -0.5,");
        StringAssert.Contains(code, "Maximum = -0.25,");
    }

    [TestMethod]
    public void EveryWrongGateIsReportedAtItsOwnLine()
    {
        var unknownModel = "<MetricGate Include=\"Iris\" Metric=\"MacroAccuracy\" Minimum=\"0.9\" />";
        var noBound = "<MetricGate Include=\"Cancer\" Metric=\"F1Score\" />";
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"Accuracy\" Minimum=\"0.5\" />", unknownModel, noBound);

        var (success, engine) = Run(project, [Gate("Cancer", "Accuracy", ("Minimum", "0.5")), Gate("Iris", "MacroAccuracy", ("Minimum", "0.9")), Gate("Cancer", "F1Score")], [Model()]);

        Assert.IsFalse(success);
        var errors = engine.Errors.ToArray();
        Assert.HasCount(2, errors, engine.Log);
        Assert.AreEqual(ErrorCodes.UnknownGateModel, errors[0].Code);
        Assert.AreEqual(Where(project, unknownModel).Line, errors[0].LineNumber);
        Assert.AreEqual(ErrorCodes.GateWithoutBound, errors[1].Code);
        Assert.AreEqual(Where(project, noBound).Line, errors[1].LineNumber);
        Assert.IsFalse(File.Exists(_output));
    }

    [TestMethod]
    public void TwoGatesOnTheSameMetricAreToldApartByTheirBounds()
    {
        var good = "<MetricGate Include=\"Cancer\" Metric=\"Accuracy\" Minimum=\"0.5\" />";
        var bad = "<MetricGate Include=\"Cancer\" Metric=\"Accuracy\" MaxDrop=\"a little\" />";
        var project = Project(good, bad);

        var (success, engine) = Run(project, [Gate("Cancer", "Accuracy", ("Minimum", "0.5")), Gate("Cancer", "Accuracy", ("MaxDrop", "a little"))], [Model()]);

        Assert.IsFalse(success);
        var error = engine.Errors.Single();
        Assert.AreEqual(ErrorCodes.InvalidGateBound, error.Code);
        Assert.AreEqual(Where(project, bad).Line, error.LineNumber);
    }

    [TestMethod]
    public void MetricAsAChildElementIsLocatedToo()
    {
        var project = Temp.Write("Cancer.Tests/Cancer.Tests.csproj",
            "<Project>\n  <ItemGroup>\n    <MetricGate Include=\"Cancer\">\n      <Metric>Recall</Metric>\n      <Minimum>0.9</Minimum>\n    </MetricGate>\n  </ItemGroup>\n</Project>\n");

        var (success, engine) = Run(project, [Gate("Cancer", "Recall", ("Minimum", "0.9"))], [Model()]);

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.UnknownGateMetric);
        Assert.AreEqual((3, 5), (error.LineNumber, error.ColumnNumber));
    }

    [TestMethod]
    public void GateFromAnotherFileIsReportedAtTheProjectFileWithoutALine()
    {
        var project = Project();

        var (success, engine) = Run(project, [Gate("Cancer", "F1Score")], [Model()]);

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.GateWithoutBound);
        Assert.AreEqual(project, error.File);
        Assert.AreEqual((0, 0), (error.LineNumber, error.ColumnNumber));
    }

    [GeneratedRegex(@"\[global::Microsoft\.VisualStudio\.TestTools\.UnitTesting\.TestMethod\(DisplayName = ""([^""]*)""\)\]\n    public void (\w+)\(\) =>")]
    private static partial Regex TestMethod();

    [TestMethod]
    public void EachGateBecomesOneNamedTestWithItsBoundsAndBaseline()
    {
        Temp.Write("Cancer/repro.lock.json", """
            { "formatVersion": 1, "datasets": {}, "models": {
              "Cancer": { "metrics": { "AreaUnderRocCurve": 0.97, "F1Score": 0.93 } } } }
            """);
        var gates = new[]
        {
            Gate("Cancer", "AreaUnderRocCurve", ("Minimum", "0.95")),
            Gate("Cancer", "F1Score", ("MaxDrop", " 0.01 ")),
            Gate("Iris", "MacroAccuracy", ("Minimum", "0.9"), ("Maximum", "1")),
        };
        var project = Project(
            "<MetricGate Include=\"Cancer\" Metric=\"AreaUnderRocCurve\" Minimum=\"0.95\" />",
            "<MetricGate Include=\"Cancer\" Metric=\"F1Score\" MaxDrop=\" 0.01 \" />",
            "<MetricGate Include=\"Iris\" Metric=\"MacroAccuracy\" Minimum=\"0.9\" Maximum=\"1\" />");

        var (success, engine) = Run(project, gates, [Model(), Model("Iris", Catalog.MulticlassClassification, "MacroAccuracy;MicroAccuracy")]);

        Assert.IsTrue(success, engine.Log);
        Assert.IsEmpty(engine.Errors);
        var code = File.ReadAllText(_output);
        StringAssert.StartsWith(code, "// <auto-generated>");
        StringAssert.Contains(code, "namespace Cancer.Tests;\n");
        StringAssert.Contains(code, $"public sealed class {GateCode.ClassName}\n");

        var tests = TestMethod().Matches(code).Select(m => (DisplayName: m.Groups[1].Value, Method: m.Groups[2].Value)).ToArray();
        CollectionAssert.AreEqual(
            new[] { "Cancer: AreaUnderRocCurve >= 0.95", "Cancer: F1Score drops at most 0.01", "Iris: MacroAccuracy >= 0.9, <= 1" },
            tests.Select(t => t.DisplayName).ToArray(),
            code);
        Assert.HasCount(3, Regex.Matches(code, "TestMethod"), "one test per gate");
        foreach (var (_, method) in tests)
        {
            Assert.IsTrue(Regex.IsMatch(method, "^[A-Za-z_][A-Za-z0-9_]*$"), $"'{method}' is a C# identifier");
        }
        Assert.HasCount(3, tests.Select(t => t.Method).Distinct(), "method names are unique");

        var sections = code.Split("TestMethod(", StringSplitOptions.None)[1..];
        StringAssert.Contains(sections[0], "MetricGate(\"Cancer\", \"Cancer\", \"AreaUnderRocCurve\")");
        StringAssert.Contains(sections[0], "Minimum = 0.95,");
        Assert.IsFalse(sections[0].Contains("Baseline", StringComparison.Ordinal), "a gate with fixed bounds needs no baseline");

        StringAssert.Contains(sections[1], "MaxDrop = 0.01,");
        StringAssert.Contains(sections[1], "Baseline = 0.93,", "the baseline is the lock file's value");
        StringAssert.Contains(sections[1], "BaselineSource = \"repro.lock.json (working tree; not committed)\",");

        StringAssert.Contains(sections[2], "MetricGate(\"Cancer\", \"Iris\", \"MacroAccuracy\")");
        StringAssert.Contains(sections[2], "Minimum = 0.9,");
        StringAssert.Contains(sections[2], "Maximum = 1,");
        Assert.AreEqual(code.Count(c => c == '{'), code.Count(c => c == '}'), "braces balance");
        Assert.IsFalse(code.Contains('\r'), "LF line endings");
    }

    [TestMethod]
    public void GateWithoutALockFileHasNoBaselineAndSaysWhere()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" MaxRise=\"0.1\" />");

        var (success, engine) = Run(project, [Gate("Cancer", "F1Score", ("MaxRise", "0.1"))], [Model()]);

        Assert.IsTrue(success, engine.Log);
        var code = File.ReadAllText(_output);
        StringAssert.Contains(code, "MaxRise = 0.1,");
        Assert.IsFalse(code.Contains("Baseline =", StringComparison.Ordinal), "no baseline to compare with: the gate fails when it runs");
        StringAssert.Contains(code, "BaselineSource = \"repro.lock.json\",");
    }

    [TestMethod]
    public void BoundsAreReadAndWrittenTheSameInEveryCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var project = Project("<MetricGate Include=\"Cancer\" Metric=\"AreaUnderRocCurve\" Minimum=\"0.95\" />");

            var (success, engine) = Run(project, [Gate("Cancer", "AreaUnderRocCurve", ("Minimum", "0.95"))], [Model()]);

            Assert.IsTrue(success, engine.Log);
            var code = File.ReadAllText(_output);
            StringAssert.Contains(code, "DisplayName = \"Cancer: AreaUnderRocCurve >= 0.95\"");
            StringAssert.Contains(code, "Minimum = 0.95,");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [TestMethod]
    public void EmptyRootNamespaceGivesAGlobalClass()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.5\" />");

        Assert.IsTrue(Run(project, [Gate("Cancer", "F1Score", ("Minimum", "0.5"))], [Model()], rootNamespace: "").Success);

        Assert.IsFalse(File.ReadAllText(_output).Contains("namespace", StringComparison.Ordinal));
    }

    [TestMethod]
    public void UnchangedTestsAreNotRewritten()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.5\" />");
        ITaskItem[] gates = [Gate("Cancer", "F1Score", ("Minimum", "0.5"))];
        Assert.IsTrue(Run(project, gates, [Model()]).Success);
        File.SetLastWriteTimeUtc(_output, LongAgo);

        var (success, engine) = Run(project, gates, [Model()]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(_output), "an unchanged file keeps its time, so the test project is not recompiled");

        Assert.IsTrue(Run(project, [Gate("Cancer", "F1Score", ("Minimum", "0.6"))], [Model()]).Success);
        Assert.AreNotEqual(LongAgo, File.GetLastWriteTimeUtc(_output));
        StringAssert.Contains(File.ReadAllText(_output), "Minimum = 0.6,");
    }

    [TestMethod]
    public void QuestionModeReportsChangedGatesAsRB4002AndWritesNothing()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.5\" />");
        Assert.IsTrue(Run(project, [Gate("Cancer", "F1Score", ("Minimum", "0.5"))], [Model()]).Success);
        var before = File.ReadAllText(_output);
        File.SetLastWriteTimeUtc(_output, LongAgo);

        var (success, engine) = Run(project, [Gate("Cancer", "F1Score", ("Minimum", "0.6"))], [Model()], failIfNotIncremental: true);

        Assert.IsFalse(success);
        Assert.AreEqual(project, engine.SingleError(ErrorCodes.NotUpToDate).File);
        Assert.AreEqual(before, File.ReadAllText(_output));
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(_output));
    }

    [TestMethod]
    public void QuestionModeWithoutGeneratedTestsIsRB4002AndCreatesNothing()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.5\" />");

        var (success, engine) = Run(project, [Gate("Cancer", "F1Score", ("Minimum", "0.5"))], [Model()], failIfNotIncremental: true);

        Assert.IsFalse(success);
        engine.SingleError(ErrorCodes.NotUpToDate);
        Assert.IsFalse(File.Exists(_output));
    }

    [TestMethod]
    public void QuestionModePassesWhenTheTestsAreCurrent()
    {
        var project = Project("<MetricGate Include=\"Cancer\" Metric=\"F1Score\" Minimum=\"0.5\" />");
        ITaskItem[] gates = [Gate("Cancer", "F1Score", ("Minimum", "0.5"))];
        Assert.IsTrue(Run(project, gates, [Model()]).Success);

        var (success, engine) = Run(project, gates, [Model()], failIfNotIncremental: true);

        Assert.IsTrue(success, engine.Log);
        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    public void AGateNamesAModelInAnyUnicodeNormalisationForm()
    {
        var project = Project("<MetricGate Include=\"Gro\u0308\u00dfe\" Metric=\"Accuracy\" Minimum=\"0.5\" />");

        var (success, engine) = Run(project, [Gate("Gro\u0308\u00dfe", "Accuracy", ("Minimum", "0.5"))], [Model("Gr\u00f6\u00dfe")]);

        Assert.IsTrue(success, engine.Log);
        StringAssert.Contains(File.ReadAllText(_output), "\"Gr\u00f6\u00dfe\"");
    }
}
