using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class DescribeModelsTests : TempFolderTest
{
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
    }

    private static TaskItem Model(string name, string task)
    {
        var item = new TaskItem(name);
        item.SetMetadata("Task", task);
        item.SetMetadata("Dataset", "data");
        return item;
    }

    private void Trained(string model, string task, string sha256, params (string Name, double? Value)[] metrics)
    {
        IntermediateFiles.TrainedModel(_layout.ModelOutputDirectory(model), IntermediateFiles.Result(model, sha256, task: task, metrics: metrics));
    }

    private ITaskItem[] Run(params ITaskItem[] models)
    {
        var engine = new RecordingBuildEngine();
        var task = new DescribeModels
        {
            BuildEngine = engine,
            Models = models,
            IntermediateDirectory = _layout.Root,
            AssemblyName = "Cancer",
            LockFile = Temp.File("repro.lock.json"),
        };
        Assert.IsTrue(task.Execute(), engine.Log);
        Assert.IsEmpty(engine.Errors, engine.Log);
        Assert.IsEmpty(engine.Warnings, engine.Log);
        return task.Descriptions;
    }

    [TestMethod]
    public void TrainedModelIsDescribedByItsResult()
    {
        Trained("Cancer", Catalog.BinaryClassification, "5ha", ("F1Score", 0.9), ("AreaUnderRocCurve", 0.97), ("LogLoss", null));

        var description = Run(Model("Cancer", "binaryclassification")).Single();

        Assert.AreEqual("Cancer", description.ItemSpec);
        Assert.AreEqual(Catalog.BinaryClassification, description.GetMetadata("Task"));
        Assert.AreEqual("AreaUnderRocCurve;F1Score;LogLoss", description.GetMetadata("Metrics"), "every metric the last build recorded, in order");
        Assert.AreEqual("5ha", description.GetMetadata("Sha256"));
        Assert.AreEqual("Cancer", description.GetMetadata("AssemblyName"));
        Assert.AreEqual(Temp.File("repro.lock.json"), description.GetMetadata("LockFile"));
    }

    [TestMethod]
    public void ResultDecidesTheTaskOverTheItem()
    {
        // What was built is what the gate tests.
        Trained("Iris", Catalog.MulticlassClassification, "1r1s", ("MacroAccuracy", 0.95));

        Assert.AreEqual(Catalog.MulticlassClassification, Run(Model("Iris", Catalog.Regression)).Single().GetMetadata("Task"));
    }

    [TestMethod]
    public void UntrainedModelFallsBackToItsItemsTaskWithNoMetrics()
    {
        var description = Run(Model("Diabetes", "regression")).Single();

        Assert.AreEqual("Diabetes", description.ItemSpec);
        Assert.AreEqual(Catalog.Regression, description.GetMetadata("Task"), "the task is normalised to its canonical spelling");
        Assert.AreEqual("", description.GetMetadata("Metrics"), "no metrics recorded: the gate generator uses the task's catalogue");
        Assert.AreEqual("", description.GetMetadata("Sha256"));
        Assert.AreEqual("Cancer", description.GetMetadata("AssemblyName"));
        Assert.AreEqual(Temp.File("repro.lock.json"), description.GetMetadata("LockFile"));
    }

    [TestMethod]
    public void EveryModelIsDescribed()
    {
        Trained("Cancer", Catalog.BinaryClassification, "5ha", ("F1Score", 0.9));

        var descriptions = Run(Model("Cancer", Catalog.BinaryClassification), Model("Diabetes", Catalog.Regression));

        CollectionAssert.AreEqual(new[] { "Cancer", "Diabetes" }, descriptions.Select(d => d.ItemSpec).ToArray());
        Assert.AreEqual("F1Score", descriptions[0].GetMetadata("Metrics"));
        Assert.AreEqual("", descriptions[1].GetMetadata("Metrics"));
    }
}
