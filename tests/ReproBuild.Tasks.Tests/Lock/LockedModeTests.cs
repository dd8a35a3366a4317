using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Tests.Lock;

/// <summary>Locked mode as the tasks see it: compare, report at the lock file's entry, never write.</summary>
[TestClass]
public sealed class LockedModeTests
{
    private TempFolder _temp = null!;

    [TestInitialize]
    public void CreateFolder() => _temp = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    private ITaskItem Dataset(long rows)
    {
        var item = new TaskItem(_temp.File("obj/datasets/customers.input.json"));
        item.SetMetadata("Name", "customers");
        item.SetMetadata("SummaryFile", _temp.Write("obj/datasets/customers.json", ReproJson.Serialize(new DatasetSummary("customers", "d5", 100, rows, ',', true, []))));
        return item;
    }

    private ITaskItem Model(string sha256 = "m5")
    {
        var inputs = new ModelInputs(
            "Churn", Catalog.BinaryClassification, "label", null, [], [], "FastTree",
            new SortedDictionary<string, string>(StringComparer.Ordinal), 0, 0.2, new DatasetReference("customers", "d5"), null, "0.1.0", "5.0.1");
        var item = new TaskItem(_temp.Write("obj/models/Churn.inputs.json", ReproJson.Serialize(inputs)));
        item.SetMetadata("Name", "Churn");
        item.SetMetadata("Fingerprint", "fp");
        item.SetMetadata("Version", "1.0.0");
        item.SetMetadata("OutputDirectory", TrainedModelFiles.Write(_temp.File("obj/models/Churn"), new ModelResult(
            "Churn", "fp", sha256, Catalog.BinaryClassification, "FastTree", 8, 2, new SortedDictionary<string, double?>(StringComparer.Ordinal))));
        item.SetMetadata("ResultFile", _temp.File("obj/models/Churn/result.json"));
        return item;
    }

    private (bool Success, RecordingBuildEngine Engine) Write(ITaskItem dataset, ITaskItem model, bool locked)
    {
        var engine = new RecordingBuildEngine();
        var success = new WriteLockFile { BuildEngine = engine, Datasets = [dataset], Models = [model], LockFile = _temp.File("repro.lock.json"), ProjectFile = _temp.File("App.csproj"), Locked = locked }.Execute();
        return (success, engine);
    }

    [TestMethod]
    public void WithoutALockFileLockedModeFailsAndSaysHowToCreateOne()
    {
        var (success, engine) = Write(Dataset(10), Model(), locked: true);

        Assert.IsFalse(success);
        var error = engine.Errors.Single();
        Assert.AreEqual("RB4003", error.Code);
        StringAssert.Contains(error.Message, "-p:ReproBuildLockedMode=false");
        Assert.IsFalse(File.Exists(_temp.File("repro.lock.json")));
    }

    [TestMethod]
    public void ADifferenceIsAnErrorAtItsEntryAndTheLockIsNotRewritten()
    {
        Assert.IsTrue(Write(Dataset(10), Model(), locked: false).Success);
        var committed = File.ReadAllText(_temp.File("repro.lock.json"));
        Assert.IsTrue(Write(Dataset(10), Model(), locked: true).Success, "An unchanged build failed in locked mode.");

        var (success, engine) = Write(Dataset(11), Model("m6"), locked: true);

        Assert.IsFalse(success);
        Assert.AreEqual(committed, File.ReadAllText(_temp.File("repro.lock.json")));
        var errors = engine.Errors.OrderBy(e => e.LineNumber).ToArray();
        Assert.AreEqual(2, errors.Length, engine.Log);
        Assert.IsTrue(errors.All(e => e.Code == "RB4001" && e.File == _temp.File("repro.lock.json") && e.ColumnNumber == 5), engine.Log);
        var lines = committed.Split('\n');
        StringAssert.StartsWith(lines[errors[0].LineNumber - 1].Trim(), "\"customers\":");
        StringAssert.StartsWith(lines[errors[1].LineNumber - 1].Trim(), "\"Churn\":");
        StringAssert.Contains(errors[0].Message, "rows 10 → 11");
        StringAssert.Contains(errors[1].Message, "sha256 m5 → m6");
    }

    [TestMethod]
    public void BeforeTrainingTheCheckIgnoresWhatOnlyTrainingKnows()
    {
        Assert.IsTrue(Write(Dataset(10), Model(), locked: false).Success);
        var engine = new RecordingBuildEngine();
        var check = new CheckLockFile { BuildEngine = engine, Datasets = [Dataset(10)], Models = [Model("not trained yet")], LockFile = _temp.File("repro.lock.json"), ProjectFile = _temp.File("App.csproj") };

        Assert.IsTrue(check.Execute(), engine.Log);
    }
}
