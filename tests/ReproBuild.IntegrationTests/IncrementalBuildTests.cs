using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A model trains only when one of its inputs changed: not on a second build, not when a dataset is touched
/// without changing, always when a value, parameter or seed changes.
/// </summary>
[TestClass]
public sealed class IncrementalBuildTests
{
    private const string Trained = "ReproBuild: trained Churn";

    private static string Items(string parameters = "NumberOfTrees=10;NumberOfLeaves=4", int seed = 1) => $"""
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
               Trainer="FastTree" Seed="{seed}" Parameters="{parameters}" />
        <Model Include="Bystander" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
               Trainer="LbfgsLogisticRegression" />
        """;

    [TestMethod]
    public void NothingChangedMeansNothingTrainsAndNoDataIsRead()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        StringAssert.Contains(project.Build().ShouldSucceed().Output, Trained);
        var model = project.Output("models/Churn.zip");
        var modelTime = File.GetLastWriteTimeUtc(model);

        var second = project.Build("--no-restore").ShouldSucceed();
        Assert.IsFalse(second.Output.Contains(Trained, StringComparison.Ordinal), second.Output);
        Assert.AreEqual(modelTime, File.GetLastWriteTimeUtc(model), "The model was rewritten by a build where nothing changed.");
        project.Build("--no-restore", "-question").ShouldSucceed();

        // Same size and timestamp, different bytes: a build that read the data would notice and retrain.
        var data = Path.Combine(project.Directory, "data", "customers.csv");
        var original = File.ReadAllText(data);
        var stamp = File.GetLastWriteTimeUtc(data);
        File.WriteAllText(data, original.Replace("yes", "yez", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(data, stamp);
        var unread = project.Build("--no-restore").ShouldSucceed();
        Assert.IsFalse(unread.Output.Contains(Trained, StringComparison.Ordinal), "The build read the dataset although its size and time were unchanged.");
        File.WriteAllText(data, original);
        File.SetLastWriteTimeUtc(data, stamp);
    }

    [TestMethod]
    public void AfterANoOpBuildOneStepDecidesAndEveryChangeIsStillSeen()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        project.Build("--no-restore").ShouldSucceed();
        Assert.IsTrue(File.Exists(Path.Combine(project.IntermediateDirectory(), "pipeline.stamp")), "A build in which nothing happened leaves the pipeline stamp.");

        var noOp = project.Build("--no-restore", "-clp:PerformanceSummary").ShouldSucceed().Output;
        StringAssert.Contains(noOp, "CheckPipelineStamp");
        foreach (var step in new[] { "HashDatasets", "ComputeModelFingerprints", "WriteLockFile", "StoreModels" })
        {
            Assert.IsFalse(noOp.Contains(step, StringComparison.Ordinal), $"{step} ran in a build after a no-op build:\n{noOp}");
        }
        project.Build("--no-restore", "-question").ShouldSucceed();

        project.WriteProject(Items(seed: 2));
        StringAssert.Contains(project.Build("--no-restore").ShouldSucceed().Output, Trained);
        project.Build("--no-restore").ShouldSucceed();

        Directory.Delete(Path.Combine(project.IntermediateDirectory(), "models", "Churn"), recursive: true);
        var restored = project.Build("--no-restore").ShouldSucceed().Output;
        StringAssert.Contains(restored, "ReproBuild: restored Churn");
        Assert.IsTrue(File.Exists(project.Output("models/Churn.zip")));
    }

    [TestMethod]
    public void TouchingADatasetDoesNotRetrainButChangingItDoes()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        var before = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));
        var data = Path.Combine(project.Directory, "data", "customers.csv");

        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        var touched = project.Build("--no-restore").ShouldSucceed();
        Assert.IsFalse(touched.Output.Contains(Trained, StringComparison.Ordinal), touched.Output);
        project.Build("--no-restore", "-question").ShouldSucceed();

        var lines = File.ReadAllLines(data);
        lines[5] = lines[5].Replace(lines[5].Split(',')[0], "9.999", StringComparison.Ordinal);
        File.WriteAllLines(data, lines);
        var changed = project.Build("--no-restore").ShouldSucceed();
        StringAssert.Contains(changed.Output, Trained);
        Assert.AreNotEqual(before, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
    }

    [TestMethod]
    public void ChangingAParameterOrTheSeedRetrains()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        var first = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));

        project.WriteProject(Items(parameters: "NumberOfTrees=12;NumberOfLeaves=4"));
        var retrained = project.Build("--no-restore").ShouldSucceed().Output;
        StringAssert.Contains(retrained, Trained);
        Assert.IsFalse(retrained.Contains("trained Bystander", StringComparison.Ordinal), "A model whose inputs did not change was retrained.");
        var second = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));
        Assert.AreNotEqual(first, second);

        // Reordering parameters changes no input.
        project.WriteProject(Items(parameters: "NumberOfLeaves=4; NumberOfTrees=12"));
        Assert.IsFalse(project.Build("--no-restore").ShouldSucceed().Output.Contains(Trained, StringComparison.Ordinal));

        project.WriteProject(Items(parameters: "NumberOfLeaves=4;NumberOfTrees=12", seed: 2));
        StringAssert.Contains(project.Build("--no-restore").ShouldSucceed().Output, Trained);
        Assert.AreNotEqual(second, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
    }

    [TestMethod]
    public void CleanRemovesWhatTheBuildWrote()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        Assert.IsTrue(Directory.EnumerateFiles(project.IntermediateDirectory(), "*", SearchOption.AllDirectories).Any());

        project.Run("clean").ShouldSucceed();
        Assert.IsFalse(File.Exists(project.Output("models/Churn.zip")), "dotnet clean left the model in the output folder.");
        var left = Directory.Exists(project.IntermediateDirectory()) ? Directory.EnumerateFiles(project.IntermediateDirectory(), "*", SearchOption.AllDirectories).ToArray() : [];
        Assert.AreEqual(0, left.Length, $"dotnet clean left: {string.Join(", ", left)}");
    }

    [TestMethod]
    public void WorksWithMSBuildNodeReuse()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        var reuse = new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = null };
        try
        {
            DotNet.Run(project.Directory, ["build", "-nr:true"], reuse).ShouldSucceed();
            File.AppendAllText(Path.Combine(project.Directory, "data", "customers.csv"), "1.5,2.5,red,yes\n");
            var rebuilt = DotNet.Run(project.Directory, ["build", "-nr:true", "--no-restore"], reuse).ShouldSucceed();
            StringAssert.Contains(rebuilt.Output, Trained);
            DotNet.Run(project.Directory, ["build", "-nr:true", "--no-restore", "-question"], reuse).ShouldSucceed();
        }
        finally
        {
            DotNet.Run(project.Directory, ["build-server", "shutdown"], reuse);
        }
    }

    [TestMethod]
    public void ADatasetThatFailsLeavesNoStaleModelBehind()
    {
        var project = UserProject.Create(Items());
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        Assert.IsTrue(File.Exists(project.Output("models/Churn.zip")));

        File.AppendAllText(Path.Combine(project.Directory, "data", "customers.csv"), "oops,2.5,red,yes\n");
        project.Build("--no-restore").ShouldFail();
        Assert.IsFalse(File.Exists(project.Output("models/Churn.zip")), "The previous model is still in the output folder.");
        Assert.IsFalse(Directory.Exists(Path.Combine(project.IntermediateDirectory(), "models", "Churn")));

        // And it stays failed: building again does not bring the old model back.
        project.Build("--no-restore").ShouldFail();
        Assert.IsFalse(File.Exists(project.Output("models/Churn.zip")));
    }
}
