using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class HashDatasetsTests : TempFolderTest
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

    private static TaskItem Dataset(string path, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(path);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }
        return item;
    }

    private (bool Success, HashDatasets Task, RecordingBuildEngine Engine) Run(bool failIfNotIncremental = false, params ITaskItem[] datasets)
    {
        var engine = new RecordingBuildEngine(_project);
        var task = new HashDatasets
        {
            BuildEngine = engine,
            Datasets = datasets,
            IntermediateDirectory = _layout.Root,
            ProjectFile = _project,
            FailIfNotIncremental = failIfNotIncremental,
        };
        return (task.Execute(), task, engine);
    }

    [TestMethod]
    public void DatasetIsNamedAfterItsFileAndDescribedInItsOutputItem()
    {
        var data = Temp.Write("data/cancer.csv", "a,b\n1,2\n");

        var (success, task, engine) = Run(false, Dataset(data));

        Assert.IsTrue(success, engine.Log);
        Assert.IsEmpty(engine.Errors);
        var output = task.HashedDatasets.Single();
        Assert.AreEqual(_layout.DatasetInputFile("cancer"), output.ItemSpec, "the identity is the input file, so the inspection target can build just the changed datasets");
        Assert.AreEqual("cancer", output.GetMetadata("Name"));
        Assert.AreEqual("", output.GetMetadata("InputFile"), "the input file is the identity, not a metadata");
        Assert.AreEqual(data, output.GetMetadata("DataFile"));
        Assert.AreEqual(",", output.GetMetadata("Separator"));
        Assert.AreEqual("true", output.GetMetadata("HasHeader"));
        Assert.AreEqual(_layout.DatasetSummaryFile("cancer"), output.GetMetadata("SummaryFile"));
        Assert.IsTrue(File.Exists(_layout.DatasetInputFile("cancer")));
        Assert.IsTrue(File.Exists(_layout.StatCacheFile));
    }

    [TestMethod]
    public void NameSeparatorAndHasHeaderMetadataAreHonoured()
    {
        var csv = Temp.Write("data/a.csv", "1;2\n");
        var tsv = Temp.Write("data/b.tsv", "x\ty\n1\t2\n");

        var (success, task, engine) = Run(false, Dataset(csv, ("Name", "first"), ("Separator", ";"), ("HasHeader", "false")), Dataset(tsv));

        Assert.IsTrue(success, engine.Log);
        var first = task.HashedDatasets.Single(d => d.GetMetadata("Name") == "first");
        Assert.AreEqual(_layout.DatasetInputFile("first"), first.ItemSpec, "the Name metadata names the input file too");
        Assert.AreEqual(";", first.GetMetadata("Separator"));
        Assert.AreEqual("false", first.GetMetadata("HasHeader"));
        Assert.AreEqual("\\t", task.HashedDatasets.Single(d => d.GetMetadata("Name") == "b").GetMetadata("Separator"), "a .tsv file is tab-separated by default");
    }

    [TestMethod]
    [DataRow("\t", "\\t")]
    [DataRow("\\t", "\\t")]
    [DataRow("tab", "\\t")]
    [DataRow(" ", " ")]
    [DataRow(" ; ", ";")]
    public void SeparatorMetadataIsReadAsWritten(string metadata, string expected)
    {
        // Separator="%09" reaches the task as a real tab character; it must not be trimmed away to the default.
        var data = Temp.Write("data/a.txt", "a\n1\n");

        var (success, task, engine) = Run(false, Dataset(data, ("Separator", metadata)));

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(expected, task.HashedDatasets.Single().GetMetadata("Separator"));
    }

    [TestMethod]
    public void MissingFileIsRB1007AtTheProjectFile()
    {
        var (success, task, engine) = Run(false, Dataset(Temp.File("data/nope.csv")));

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.DatasetFileNotFound);
        Assert.AreEqual(_project, error.File);
        StringAssert.Contains(error.Message, "nope.csv");
        Assert.IsEmpty(task.HashedDatasets);
    }

    [TestMethod]
    public void MissingSchemaFileIsRB1007()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");

        var (success, _, engine) = Run(false, Dataset(data, ("Schema", Temp.File("data/a.schema.json"))));

        Assert.IsFalse(success);
        StringAssert.Contains(engine.SingleError(ErrorCodes.DatasetFileNotFound).Message, "a.schema.json");
    }

    [TestMethod]
    public void SchemaIsPassedToTheInspectionAndItsChangeMeansInspectingAgain()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");
        var schema = Temp.Write("data/a.schema.json", "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\"}]}");

        var (success, task, engine) = Run(false, Dataset(data, ("Schema", schema), ("Resource", "a")));

        Assert.IsTrue(success, engine.Log);
        Assert.IsEmpty(engine.Warnings, engine.Log);
        var output = task.HashedDatasets.Single();
        Assert.AreEqual(schema, output.GetMetadata("SchemaFile"));
        Assert.AreEqual("a", output.GetMetadata("SchemaResource"));
        StringAssert.EndsWith(output.GetMetadata("ReportFile"), "a.report.json");
        var before = File.ReadAllText(output.ItemSpec);

        File.WriteAllText(schema, "{\"fields\": [{\"name\": \"a\", \"type\": \"number\"}]}");
        Run(false, Dataset(data, ("Schema", schema), ("Resource", "a")));

        Assert.AreNotEqual(before, File.ReadAllText(output.ItemSpec), "a changed schema must change the dataset's input file");
    }

    [TestMethod]
    public void DuplicateNamesAreRB1011WhateverTheirCase()
    {
        var a = Temp.Write("one/data.csv", "a\n1\n");
        var b = Temp.Write("two/Data.csv", "a\n1\n");

        var (success, _, engine) = Run(false, Dataset(a), Dataset(b));

        Assert.IsFalse(success);
        Assert.AreEqual(_project, engine.SingleError(ErrorCodes.DuplicateName).File);
    }

    [TestMethod]
    [DataRow("Separator", "ab")]
    [DataRow("Separator", "\"")]
    [DataRow("HasHeader", "yes")]
    public void BadFormatMetadataIsRB1010(string metadata, string value)
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");

        var (success, _, engine) = Run(false, Dataset(data, (metadata, value)));

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.InvalidMetadataValue);
        Assert.AreEqual(_project, error.File);
        StringAssert.Contains(error.Message, metadata);
    }

    [TestMethod]
    public void DatasetNameThatCannotBeUsedIsAnError()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");

        var (success, _, engine) = Run(false, Dataset(data, ("Name", "my data")));

        Assert.IsFalse(success);
        StringAssert.Contains(engine.SingleError(ErrorCodes.InvalidModelName).Message, "'my data'");
    }

    [TestMethod]
    public void InputFileIsRewrittenOnlyWhenTheContentChanges()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");
        Assert.IsTrue(Run(false, Dataset(data)).Success);
        var inputFile = _layout.DatasetInputFile("a");
        File.SetLastWriteTimeUtc(inputFile, LongAgo);

        // Touched, same content: nothing downstream should rerun.
        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        Assert.IsTrue(Run(false, Dataset(data)).Success);
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(inputFile));

        File.WriteAllText(data, "a\n2\n3\n");
        var before = File.ReadAllText(inputFile);
        Assert.IsTrue(Run(false, Dataset(data)).Success);
        Assert.AreNotEqual(LongAgo, File.GetLastWriteTimeUtc(inputFile));
        Assert.AreNotEqual(before, File.ReadAllText(inputFile));
    }

    [TestMethod]
    public void ChangingTheSeparatorChangesTheInputFile()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");
        Run(false, Dataset(data));
        var before = File.ReadAllText(_layout.DatasetInputFile("a"));

        Run(false, Dataset(data, ("Separator", ";")));

        Assert.AreNotEqual(before, File.ReadAllText(_layout.DatasetInputFile("a")));
    }

    [TestMethod]
    public void QuestionModeReportsAChangedDatasetAsRB4002AndWritesNothing()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");
        Assert.IsTrue(Run(false, Dataset(data)).Success);
        var inputFile = _layout.DatasetInputFile("a");
        var inputBefore = File.ReadAllText(inputFile);
        var cacheBefore = File.ReadAllText(_layout.StatCacheFile);
        File.SetLastWriteTimeUtc(inputFile, LongAgo);
        File.SetLastWriteTimeUtc(_layout.StatCacheFile, LongAgo);

        File.WriteAllText(data, "a\n2\n3\n");
        var (success, _, engine) = Run(true, Dataset(data));

        Assert.IsFalse(success);
        var error = engine.SingleError(ErrorCodes.NotUpToDate);
        Assert.AreEqual(_project, error.File);
        StringAssert.Contains(error.Message, "'a'");
        Assert.AreEqual(inputBefore, File.ReadAllText(inputFile));
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(inputFile));
        Assert.AreEqual(cacheBefore, File.ReadAllText(_layout.StatCacheFile));
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(_layout.StatCacheFile));
    }

    [TestMethod]
    public void QuestionModePassesWhenNothingChanged()
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");
        Assert.IsTrue(Run(false, Dataset(data)).Success);

        var (success, _, engine) = Run(true, Dataset(data));

        Assert.IsTrue(success, engine.Log);
        Assert.IsEmpty(engine.Errors);
    }

    [TestMethod]
    [DataRow("wetter-\u00fc", "wetter-\u00fc")]
    [DataRow("wetter-u\u0308", "wetter-\u00fc")]
    [DataRow("donn\u00e9es.2024", "donn\u00e9es.2024")]
    [DataRow("\u0921\u0947\u091f\u093e", "\u0921\u0947\u091f\u093e")]
    [DataRow("\u6c17\u8c61_\u30c7\u30fc\u30bf", "\u6c17\u8c61_\u30c7\u30fc\u30bf")]
    [DataRow("\u0662\u0660\u0662\u0664", "\u0662\u0660\u0662\u0664")]
    public void UnicodeLettersAndDigitsMakeADatasetNameSpelledInNfc(string name, string spelled)
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");

        var (success, task, engine) = Run(false, Dataset(data, ("Name", name)));

        Assert.IsTrue(success, engine.Log);
        var output = task.HashedDatasets.Single();
        Assert.AreEqual(spelled, output.GetMetadata("Name"));
        Assert.AreEqual(_layout.DatasetInputFile(spelled), output.ItemSpec);
        Assert.IsTrue(File.Exists(_layout.DatasetInputFile(spelled)));
    }

    [TestMethod]
    public void ADatasetNamedAfterAFileWithADecomposedNameIsSpelledInNfc()
    {
        var data = Temp.Write("data/wetter-u\u0308.csv", "a\n1\n");

        var (success, task, engine) = Run(false, Dataset(data));

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual("wetter-\u00fc", task.HashedDatasets.Single().GetMetadata("Name"));
    }

    [TestMethod]
    [DataRow("-wetter")]
    [DataRow(".hidden")]
    [DataRow("wetter/2024")]
    [DataRow("wetter\u00a72024")]
    [DataRow("\u0308wetter")]
    public void ADatasetNameWithOtherCharactersIsRB1008(string name)
    {
        var data = Temp.Write("data/a.csv", "a\n1\n");

        var (success, _, engine) = Run(false, Dataset(data, ("Name", name)));

        Assert.IsFalse(success);
        StringAssert.Contains(engine.SingleError(ErrorCodes.InvalidModelName).Message, "letters, digits, '_', '-' and '.'");
    }
}
