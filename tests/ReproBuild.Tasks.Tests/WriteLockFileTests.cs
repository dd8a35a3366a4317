using System.Text.Json;
using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class WriteLockFileTests : TempFolderTest
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private string _lockFile = null!;
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _lockFile = Temp.File("repro.lock.json");
        _layout = new IntermediateLayout(Temp.File("obj"));
    }

    private ITaskItem Dataset(string name, string sha256 = "d5", long rows = 10) => IntermediateFiles.InspectedDataset(_layout, name, sha256, rows);

    private ITaskItem Model(string name, string sha256 = "m5", int seed = 0) =>
        IntermediateFiles.TrainedModelItem(
            _layout,
            IntermediateFiles.Inputs(name, new DatasetReference("data", "d5"), seed, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["NumberOfTrees"] = "5", ["LearningRate"] = "0.1" }),
            IntermediateFiles.Result(name, sha256, "fp", metrics: [("F1Score", 0.5), ("AreaUnderRocCurve", 0.9), ("LogLoss", null)]));

    private (bool Success, RecordingBuildEngine Engine) Run(ITaskItem[] datasets, ITaskItem[] models, bool failIfNotIncremental = false)
    {
        var engine = new RecordingBuildEngine();
        var task = new WriteLockFile
        {
            BuildEngine = engine,
            Datasets = datasets,
            Models = models,
            LockFile = _lockFile,
            FailIfNotIncremental = failIfNotIncremental,
        };
        return (task.Execute(), engine);
    }

    [TestMethod]
    public void LockFileRecordsDatasetsAndModelsUnderSortedKeys()
    {
        var (success, engine) = Run([Dataset("zoo"), Dataset("apples", "a1", rows: 3)], [Model("Zeta"), Model("Alpha", "a5")]);

        Assert.IsTrue(success, engine.Log);
        using var document = JsonDocument.Parse(File.ReadAllText(_lockFile));
        var root = document.RootElement;
        Assert.AreEqual(1, root.GetProperty("formatVersion").GetInt32());
        CollectionAssert.AreEqual(new[] { "apples", "zoo" }, root.GetProperty("datasets").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "Alpha", "Zeta" }, root.GetProperty("models").EnumerateObject().Select(p => p.Name).ToArray());

        var apples = root.GetProperty("datasets").GetProperty("apples");
        Assert.AreEqual("a1", apples.GetProperty("sha256").GetString());
        Assert.AreEqual(3, apples.GetProperty("rows").GetInt64());
        Assert.AreEqual(100, apples.GetProperty("size").GetInt64());

        var alpha = root.GetProperty("models").GetProperty("Alpha");
        Assert.AreEqual("a5", alpha.GetProperty("sha256").GetString());
        Assert.AreEqual("fp", alpha.GetProperty("fingerprint").GetString());
        Assert.AreEqual("1.0.0", alpha.GetProperty("version").GetString());
        CollectionAssert.AreEqual(new[] { "AreaUnderRocCurve", "F1Score", "LogLoss" }, alpha.GetProperty("metrics").EnumerateObject().Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "LearningRate", "NumberOfTrees" }, alpha.GetProperty("inputs").GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [TestMethod]
    public void LockFileUsesLfOnlyAndEndsWithANewline()
    {
        Run([Dataset("data")], [Model("M")]);

        var text = File.ReadAllText(_lockFile);
        Assert.IsFalse(text.Contains('\r'), "no CR anywhere");
        Assert.IsTrue(text.EndsWith("}\n", StringComparison.Ordinal));
        Assert.IsFalse(text.EndsWith("\n\n", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(_lockFile);
        Assert.AreNotEqual(0xEF, bytes[0], "no byte order mark");
    }

    [TestMethod]
    public void SameContentInADifferentItemOrderGivesTheSameBytes()
    {
        Run([Dataset("a"), Dataset("b")], [Model("X"), Model("Y")]);
        var first = File.ReadAllBytes(_lockFile);

        Run([Dataset("b"), Dataset("a")], [Model("Y"), Model("X")]);

        CollectionAssert.AreEqual(first, File.ReadAllBytes(_lockFile));
    }

    [TestMethod]
    public void UnchangedLockFileIsNotRewritten()
    {
        Run([Dataset("data")], [Model("M")]);
        File.SetLastWriteTimeUtc(_lockFile, LongAgo);

        var (success, engine) = Run([Dataset("data")], [Model("M")]);

        Assert.IsTrue(success, engine.Log);
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(_lockFile));
        Assert.IsFalse(engine.Messages.Any(m => m.Message!.Contains("updated", StringComparison.Ordinal)), "no 'updated' message when nothing changed");
    }

    [TestMethod]
    public void ChangedModelRewritesTheLockFileAndSaysSo()
    {
        Run([Dataset("data")], [Model("M", "old")]);

        var (success, engine) = Run([Dataset("data")], [Model("M", "new")]);

        Assert.IsTrue(success, engine.Log);
        StringAssert.Contains(File.ReadAllText(_lockFile), "\"new\"");
        Assert.IsTrue(engine.Messages.Any(m => m.Message!.Contains(_lockFile, StringComparison.Ordinal)));
    }

    [TestMethod]
    public void QuestionModeReportsAStaleLockFileAsRB4002AndLeavesItAlone()
    {
        Run([Dataset("data")], [Model("M", "old")]);
        var before = File.ReadAllText(_lockFile);

        var (success, engine) = Run([Dataset("data")], [Model("M", "new")], failIfNotIncremental: true);

        Assert.IsFalse(success);
        Assert.AreEqual(_lockFile, engine.SingleError(ErrorCodes.NotUpToDate).File);
        Assert.AreEqual(before, File.ReadAllText(_lockFile));
    }

    [TestMethod]
    public void QuestionModeWithAMissingLockFileIsRB4002AndCreatesNothing()
    {
        var (success, engine) = Run([Dataset("data")], [Model("M")], failIfNotIncremental: true);

        Assert.IsFalse(success);
        engine.SingleError(ErrorCodes.NotUpToDate);
        Assert.IsFalse(File.Exists(_lockFile));
    }

    [TestMethod]
    public void QuestionModePassesWhenTheLockFileIsCurrent()
    {
        Run([Dataset("data")], [Model("M")]);

        var (success, engine) = Run([Dataset("data")], [Model("M")], failIfNotIncremental: true);

        Assert.IsTrue(success, engine.Log);
    }
}
