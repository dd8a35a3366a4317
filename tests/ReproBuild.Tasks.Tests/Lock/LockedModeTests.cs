using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Tests.Lock;

/// <summary>Locked mode as the tasks see it: compare, report at the lock file's entry, never write.</summary>
[TestClass]
public sealed class LockedModeTests : TempFolderTest
{
    private IntermediateLayout Layout => new(Temp.File("obj"));

    private ITaskItem Dataset(long rows) => IntermediateFiles.InspectedDataset(Layout, "customers", "d5", rows);

    private ITaskItem Model(string sha256 = "m5") =>
        IntermediateFiles.TrainedModelItem(Layout, IntermediateFiles.Inputs("Churn", new DatasetReference("customers", "d5")), IntermediateFiles.Result("Churn", sha256, "fp"));

    private (bool Success, RecordingBuildEngine Engine) Write(ITaskItem dataset, ITaskItem model, bool locked)
    {
        var engine = new RecordingBuildEngine();
        var success = new WriteLockFile { BuildEngine = engine, Datasets = [dataset], Models = [model], LockFile = Temp.File("repro.lock.json"), ProjectFile = Temp.File("App.csproj"), Locked = locked }.Execute();
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
        Assert.IsFalse(File.Exists(Temp.File("repro.lock.json")));
    }

    [TestMethod]
    public void ADifferenceIsAnErrorAtItsEntryAndTheLockIsNotRewritten()
    {
        Assert.IsTrue(Write(Dataset(10), Model(), locked: false).Success);
        var committed = File.ReadAllText(Temp.File("repro.lock.json"));
        Assert.IsTrue(Write(Dataset(10), Model(), locked: true).Success, "An unchanged build failed in locked mode.");

        var (success, engine) = Write(Dataset(11), Model("m6"), locked: true);

        Assert.IsFalse(success);
        Assert.AreEqual(committed, File.ReadAllText(Temp.File("repro.lock.json")));
        var errors = engine.Errors.OrderBy(e => e.LineNumber).ToArray();
        Assert.AreEqual(2, errors.Length, engine.Log);
        Assert.IsTrue(errors.All(e => e.Code == "RB4001" && e.File == Temp.File("repro.lock.json") && e.ColumnNumber == 5), engine.Log);
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
        var check = new CheckLockFile { BuildEngine = engine, Datasets = [Dataset(10)], Models = [Model("not trained yet")], LockFile = Temp.File("repro.lock.json"), ProjectFile = Temp.File("App.csproj") };

        Assert.IsTrue(check.Execute(), engine.Log);
    }
}
