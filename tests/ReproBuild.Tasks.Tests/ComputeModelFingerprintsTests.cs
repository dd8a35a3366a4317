using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class ComputeModelFingerprintsTests : TempFolderTest
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private string _project = null!;
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _project = Temp.Write("App.csproj", "<Project />");
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
    }

    /// <summary>A dataset item as HashDatasets returns it, with the summary the engine would have written.</summary>
    private ITaskItem Dataset(string name, string sha256 = "aa11")
    {
        var item = IntermediateFiles.InspectedDataset(_layout, name, sha256, rows: 10, new ColumnSummary("x", ColumnSummary.Number, 0), new ColumnSummary("diagnosis", ColumnSummary.Text, 0));
        item.SetMetadata("DataFile", Temp.File($"data/{name}.csv"));
        return item;
    }

    private static TaskItem Model(string name = "Cancer", params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(name);
        item.SetMetadata("Dataset", "cancer");
        item.SetMetadata("Task", "BinaryClassification");
        item.SetMetadata("LabelColumn", "diagnosis");
        foreach (var (key, value) in metadata)
        {
            item.SetMetadata(key, value);
        }
        return item;
    }

    private (bool Success, ComputeModelFingerprints Task, RecordingBuildEngine Engine) Run(ITaskItem[] models, ITaskItem[]? datasets = null, bool failIfNotIncremental = false)
    {
        var engine = new RecordingBuildEngine(_project);
        var task = new ComputeModelFingerprints
        {
            BuildEngine = engine,
            Models = models,
            Datasets = datasets ?? [Dataset("cancer")],
            IntermediateDirectory = _layout.Root,
            ProjectFile = _project,
            DefaultVersion = "1.0.0",
            FailIfNotIncremental = failIfNotIncremental,
        };
        return (task.Execute(), task, engine);
    }

    private string InputsText(string model = "Cancer") => File.ReadAllText(_layout.ModelInputsFile(model));

    private ModelInputs Inputs(string model = "Cancer") => ReproJson.Deserialize<ModelInputs>(InputsText(model));

    private BuildErrorEventArgs SingleErrorFor(TaskItem model, string code)
    {
        var (success, task, engine) = Run([model]);
        Assert.IsFalse(success, "the task fails");
        Assert.IsEmpty(task.FingerprintedModels, "a model with errors is not trained");
        var error = engine.SingleError(code);
        Assert.AreEqual(_project, error.File, "item problems are reported at the project file");
        return error;
    }

    [TestMethod]
    public void ValidModelGetsAnInputsDocumentAndAnOutputItem()
    {
        var (success, task, engine) = Run([Model(metadata: [("Trainer", "fasttree"), ("Parameters", "NumberOfTrees=5"), ("Seed", "7"), ("TestFraction", "0.25"), ("Features", "x")])]);

        Assert.IsTrue(success, engine.Log);
        var inputs = Inputs();
        Assert.AreEqual("Cancer", inputs.Model);
        Assert.AreEqual(Catalog.BinaryClassification, inputs.Task);
        Assert.AreEqual("diagnosis", inputs.Label);
        Assert.AreEqual("FastTree", inputs.Trainer, "trainer names are normalised to their canonical spelling");
        Assert.AreEqual("5", inputs.Parameters["NumberOfTrees"]);
        Assert.AreEqual(7, inputs.Seed);
        Assert.AreEqual(0.25, inputs.TestFraction);
        CollectionAssert.AreEqual(new[] { "x" }, inputs.Features.ToArray());
        Assert.AreEqual(new DatasetReference("cancer", "aa11"), inputs.Dataset);
        Assert.IsNull(inputs.TestDataset);
        Assert.AreEqual(ToolVersions.MicrosoftML, inputs.MicrosoftMLVersion);

        var output = task.FingerprintedModels.Single();
        Assert.AreEqual(_layout.ModelInputsFile("Cancer"), output.ItemSpec, "the identity is the inputs file, so the training target can build just the changed models");
        Assert.AreEqual("Cancer", output.GetMetadata("Name"));
        Assert.AreEqual("", output.GetMetadata("InputsFile"), "the inputs file is the identity, not a metadata");
        Assert.AreEqual(_layout.ModelOutputDirectory("Cancer"), output.GetMetadata("OutputDirectory"));
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Result), output.GetMetadata("ResultFile"));
        Assert.AreEqual(Temp.File("data/cancer.csv"), output.GetMetadata("TrainDataFile"));
        Assert.AreEqual("", output.GetMetadata("TestDataFile"));
        Assert.AreEqual("1.0.0", output.GetMetadata("Version"));
    }

    [TestMethod]
    public void DefaultsAreTheTasksFirstTrainerSeedZeroAndAFifthHeldOut()
    {
        Assert.IsTrue(Run([Model()]).Success);

        var inputs = Inputs();
        Assert.AreEqual(Catalog.Trainers[Catalog.BinaryClassification][0], inputs.Trainer);
        Assert.AreEqual(0, inputs.Seed);
        Assert.AreEqual(0.2, inputs.TestFraction);
        Assert.IsEmpty(inputs.Parameters);
    }

    [TestMethod]
    public void LabelAsChildElementMetadataIsAcceptedToo()
    {
        var model = new TaskItem("Cancer");
        model.SetMetadata("Dataset", "cancer");
        model.SetMetadata("Task", "BinaryClassification");
        model.SetMetadata("Label", "diagnosis");

        Assert.IsTrue(Run([model]).Success);
        Assert.AreEqual("diagnosis", Inputs().Label);
    }

    [TestMethod]
    public void SeparateTestDatasetIsReferencedAndNoSplitIsRecorded()
    {
        var (success, task, engine) = Run([Model(metadata: ("TestDataset", "holdout"))], [Dataset("cancer"), Dataset("holdout", "bb22")]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(new DatasetReference("holdout", "bb22"), Inputs().TestDataset);
        Assert.IsNull(Inputs().TestFraction);
        Assert.AreEqual(_layout.DatasetSummaryFile("holdout"), task.FingerprintedModels.Single().GetMetadata("TestSummaryFile"));
    }

    [TestMethod]
    [DataRow("Dataset")]
    [DataRow("Task")]
    public void MissingRequiredMetadataIsRB1001(string metadata)
    {
        var model = Model();
        model.RemoveMetadata(metadata);

        StringAssert.Contains(SingleErrorFor(model, ErrorCodes.MissingMetadata).Message, metadata);
    }

    [TestMethod]
    public void MissingLabelColumnIsRB1001ExplainingLabelColumn()
    {
        var model = Model();
        model.RemoveMetadata("LabelColumn");

        StringAssert.Contains(SingleErrorFor(model, ErrorCodes.MissingMetadata).Message, "LabelColumn");
    }

    [TestMethod]
    public void AModelItemProblemIsReportedAtItsElement()
    {
        File.WriteAllText(_project, """
            <Project>
              <ItemGroup>
                <Model Include="Cancer" Dataset="cancer" Task="BinaryClassification" LabelColumn="diagnosis" />
                <Model Include="Broken" Dataset="cancer" Task="Clustering" LabelColumn="diagnosis" />
              </ItemGroup>
            </Project>
            """);

        var (success, _, engine) = Run([Model(), Model("Broken", ("Task", "Clustering"))]);

        Assert.IsFalse(success);
        var error = engine.SingleError("RB1003");
        Assert.AreEqual(_project, error.File);
        Assert.AreEqual((4, 5), (error.LineNumber, error.ColumnNumber), engine.Log);
    }

    [TestMethod]
    public void UnknownTaskIsRB1003ListingTheTasks()
    {
        var message = SingleErrorFor(Model(metadata: ("Task", "Clustering")), ErrorCodes.UnknownTask).Message;

        StringAssert.Contains(message, "'Clustering'");
        foreach (var task in Catalog.Tasks)
        {
            StringAssert.Contains(message, task);
        }
    }

    [TestMethod]
    public void UnknownTrainerIsRB1004ListingTheTasksTrainers()
    {
        var message = SingleErrorFor(Model(metadata: ("Trainer", "Sdca")), ErrorCodes.UnknownTrainer).Message;

        StringAssert.Contains(message, "'Sdca'");
        foreach (var trainer in Catalog.Trainers[Catalog.BinaryClassification])
        {
            StringAssert.Contains(message, trainer);
        }
    }

    [TestMethod]
    [DataRow("NoNamespace", null, "name the pipeline's type with its namespace")]
    [DataRow("Acme.Pipelines.Churn", "Trainer", "sets both Pipeline and Trainer")]
    [DataRow("Acme.Pipelines.Churn", "TextFeatures", "sets both Pipeline and TextFeatures")]
    public void PipelineMetadataMistakesAreRB1010(string pipeline, string? alongside, string message)
    {
        var model = Model(metadata: ("Pipeline", pipeline));
        if (alongside is not null)
        {
            model.SetMetadata(alongside, "x");
        }
        StringAssert.Contains(SingleErrorFor(model, ErrorCodes.InvalidMetadataValue).Message, message);
    }

    [TestMethod]
    public void ModelsWithoutTheNewMetadataKeepTheirInputsDocumentAndTextFeaturesChangeIt()
    {
        Assert.IsTrue(Run([Model()]).Success);
        var plain = InputsText();
        Assert.IsFalse(plain.Contains("textFeatures", StringComparison.Ordinal) || plain.Contains("pipeline", StringComparison.Ordinal), plain);

        Assert.IsTrue(Run([Model(metadata: ("TextFeatures", "x"))]).Success);
        CollectionAssert.AreEqual(new[] { "x" }, Inputs().TextFeatures!.ToArray());
        Assert.AreNotEqual(plain, InputsText());
    }

    [TestMethod]
    [DataRow("Seed", "forty-two")]
    [DataRow("Seed", "1.5")]
    [DataRow("TestFraction", "1.5")]
    [DataRow("TestFraction", "0")]
    [DataRow("TestFraction", "a fifth")]
    [DataRow("Embed", "maybe")]
    public void BadValueIsRB1010(string metadata, string value)
    {
        StringAssert.Contains(SingleErrorFor(Model(metadata: (metadata, value)), ErrorCodes.InvalidMetadataValue).Message, $"'{value}'");
    }

    [TestMethod]
    [DataRow("banana")]
    [DataRow("1.0")]
    [DataRow("1.0.0.0")]
    public void VersionThatIsNotSemVerIsRB1009(string version)
    {
        StringAssert.Contains(SingleErrorFor(Model(metadata: ("Version", version)), ErrorCodes.InvalidVersion).Message, $"'{version}'");
    }

    [TestMethod]
    public void SemVerWithPrereleaseIsAccepted()
    {
        var (success, task, engine) = Run([Model(metadata: ("Version", "2.0.0-beta.1"))]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual("2.0.0-beta.1", task.FingerprintedModels.Single().GetMetadata("Version"));
    }

    [TestMethod]
    public void UnknownDatasetIsRB1002ListingTheKnownOnes()
    {
        var message = SingleErrorFor(Model(metadata: ("Dataset", "cancr")), ErrorCodes.UnknownDataset).Message;

        StringAssert.Contains(message, "'cancr'");
        StringAssert.Contains(message, "known datasets: cancer");
        Assert.IsFalse(message.Contains(".input.json", StringComparison.Ordinal), $"datasets are listed by Name, not by their input file: {message}");
    }

    [TestMethod]
    [DataRow("1Model")]
    [DataRow("my-model")]
    [DataRow("has space")]
    public void ModelNameThatIsNotAnIdentifierIsRB1008(string name)
    {
        StringAssert.Contains(SingleErrorFor(Model(name), ErrorCodes.InvalidModelName).Message, name);
    }

    [TestMethod]
    [DataRow("NumberOfTrees")]
    [DataRow("=5")]
    [DataRow("NumberOfTrees=5;NumberOfTrees=6")]
    public void MalformedParametersAreRB1006(string parameters)
    {
        SingleErrorFor(Model(metadata: ("Parameters", parameters)), ErrorCodes.InvalidParameterValue);
    }

    [TestMethod]
    public void TwoModelsWithTheSameNameAreRB1011()
    {
        var (success, _, engine) = Run([Model("Cancer"), Model("cancer")]);

        Assert.IsFalse(success);
        Assert.AreEqual(_project, engine.SingleError(ErrorCodes.DuplicateName).File);
    }

    [TestMethod]
    public void EveryProblemOfAModelIsReportedAtOnce()
    {
        var model = Model("1Bad", ("Task", "Clustering"), ("Seed", "x"), ("Version", "nope"));
        model.RemoveMetadata("LabelColumn");

        var (success, _, engine) = Run([model]);

        Assert.IsFalse(success);
        CollectionAssert.AreEquivalent(
            new[] { ErrorCodes.InvalidModelName, ErrorCodes.MissingMetadata, ErrorCodes.UnknownTask, ErrorCodes.InvalidMetadataValue, ErrorCodes.InvalidVersion },
            engine.Errors.Select(e => e.Code).ToArray());
    }

    [TestMethod]
    public void ReorderedParametersGiveAnIdenticalInputsFile()
    {
        Run([Model(metadata: ("Parameters", "NumberOfTrees=5;LearningRate=0.1;NumberOfLeaves=8"))]);
        var first = InputsText();

        Run([Model(metadata: ("Parameters", " NumberOfLeaves = 8 ; NumberOfTrees=5;LearningRate=0.1; "))]);

        Assert.AreEqual(first, InputsText());
        CollectionAssert.AreEqual(new[] { "LearningRate", "NumberOfLeaves", "NumberOfTrees" }, Inputs().Parameters.Keys.ToArray());
    }

    [TestMethod]
    public void ChangingAParameterChangesTheInputsFile()
    {
        Run([Model(metadata: ("Parameters", "NumberOfTrees=5"))]);
        var first = InputsText();

        Run([Model(metadata: ("Parameters", "NumberOfTrees=6"))]);

        Assert.AreNotEqual(first, InputsText());
    }

    [TestMethod]
    public void ChangingTheSeedChangesTheInputsFile()
    {
        Run([Model(metadata: ("Seed", "1"))]);
        var first = InputsText();

        Run([Model(metadata: ("Seed", "2"))]);

        Assert.AreNotEqual(first, InputsText());
    }

    [TestMethod]
    public void ChangingTheDatasetDigestChangesTheInputsFile()
    {
        Run([Model()], [Dataset("cancer", "aa11")]);
        var first = InputsText();

        Run([Model()], [Dataset("cancer", "cc33")]);

        Assert.AreNotEqual(first, InputsText());
    }

    [TestMethod]
    public void ChangesThatDoNotDecideTheModelLeaveTheInputsFileAlone()
    {
        Run([Model()]);
        var inputsFile = _layout.ModelInputsFile("Cancer");
        File.SetLastWriteTimeUtc(inputsFile, LongAgo);

        // Same inputs, a different version stamp and embedding: the model's bytes would not change.
        var (success, _, engine) = Run([Model(metadata: [("Version", "3.0.0"), ("Embed", "false")])]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(inputsFile));
    }

    [TestMethod]
    public void QuestionModeReportsNewInputsAsRB4002AndWritesNothing()
    {
        Run([Model(metadata: ("Seed", "1"))]);
        var before = InputsText();

        var (success, _, engine) = Run([Model(metadata: ("Seed", "2"))], failIfNotIncremental: true);

        Assert.IsFalse(success);
        StringAssert.Contains(engine.SingleError(ErrorCodes.NotUpToDate).Message, "'Cancer'");
        Assert.AreEqual(before, InputsText());
    }

    [TestMethod]
    public void QuestionModePassesWhenInputsAreUnchanged()
    {
        Run([Model()]);

        var (success, _, engine) = Run([Model()], failIfNotIncremental: true);

        Assert.IsTrue(success, engine.Log);
    }

    [TestMethod]
    [DataRow("Gr\u00f6\u00dfe")]
    [DataRow("\u03a9mega")]
    [DataRow("_\u0645\u0648\u062f\u0644")]
    [DataRow("\u216bModel")]
    [DataRow("Mx\u0301del")]
    [DataRow("a\u203fb")]
    [DataRow("a\u200db")]
    [DataRow("x\u0663")]
    public void ModelNamesAreCSharpIdentifiersWithUnicodeLetters(string name)
    {
        var (success, task, engine) = Run([Model(name)]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(name, task.FingerprintedModels.Single().GetMetadata("Name"));
    }

    [TestMethod]
    [DataRow("\u0301Model")]
    [DataRow("\u0663x")]
    [DataRow("Gr\u00f6\u00dfe!")]
    [DataRow("\u200dModel")]
    public void ModelNamesThatCSharpRefusesAreRB1008(string name)
    {
        StringAssert.Contains(SingleErrorFor(Model(name), ErrorCodes.InvalidModelName).Message, "C# identifier");
    }

    [TestMethod]
    public void ModelAndDatasetNamesAreSpelledInNfcWhateverTheProjectFileHolds()
    {
        var decomposed = Model("Gro\u0308\u00dfe", ("Dataset", "wetter-u\u0308"));

        var (success, task, engine) = Run([decomposed], [Dataset("wetter-\u00fc")]);

        Assert.IsTrue(success, engine.Log);
        var output = task.FingerprintedModels.Single();
        Assert.AreEqual("Gr\u00f6\u00dfe", output.GetMetadata("Name"));
        Assert.AreEqual(_layout.ModelInputsFile("Gr\u00f6\u00dfe"), output.ItemSpec);
        Assert.AreEqual("Gr\u00f6\u00dfe", Inputs("Gr\u00f6\u00dfe").Model);
        Assert.AreEqual("wetter-\u00fc", Inputs("Gr\u00f6\u00dfe").Dataset.Name);
    }
}
