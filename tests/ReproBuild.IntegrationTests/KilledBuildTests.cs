using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A build killed with SIGKILL (a CI runner's timeout, the OOM killer, a closed terminal) has no chance to clean up;
/// nothing it left may ship. Its engine dies with it, outputs of other inputs are never accepted, and what it did
/// finish is kept.
/// </summary>
[TestClass]
public sealed class KilledBuildTests
{
    // Trees is a property so that a build can be given other inputs from the command line.
    private const string SlowItems = """
        <Dataset Include="data/large.csv" />
        <Model Include="Slow" Dataset="large" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Parameters="NumberOfTrees=$(Trees);NumberOfLeaves=64" />
        """;

    private const string SmallItems = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=$(Trees);NumberOfLeaves=4" />
        """;

    private static UserProject Slow(string test)
    {
        var project = UserProject.Create(SlowItems, test);
        project.WriteProject(SlowItems, "<Trees>5</Trees>");
        project.WriteFile("data/large.csv", TestData.LargeBinary(rows: 50_000));
        project.Run("restore").ShouldSucceed();
        return project;
    }

    private static UserProject Small(string test)
    {
        var project = UserProject.Create(SmallItems, test);
        project.WriteProject(SmallItems, "<Trees>5</Trees>");
        project.WriteFile("data/customers.csv", TestData.Binary());
        return project;
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public void TheEngineDiesWithAKilledBuildAndTheNextBuildShipsTheModelOfItsOwnInputs()
    {
        var project = Slow(nameof(TheEngineDiesWithAKilledBuildAndTheNextBuildShipsTheModelOfItsOwnInputs));
        try
        {
            using (var build = DotNet.Start(project.Directory, ["build", "--no-restore", "-p:Trees=5000"]))
            {
                var engine = EngineProcesses.WaitFor(project.Directory, TimeSpan.FromMinutes(2), command: "train");
                Assert.IsNotNull(engine, "The engine never started.");
                Thread.Sleep(TimeSpan.FromSeconds(2)); // well into training
                build.Process.Kill(entireProcessTree: false);   // SIGKILL to the build alone: what happens to its child is the product's business
                build.Process.WaitForExit();

                Assert.IsTrue(EngineProcesses.WaitForExit(engine, TimeSpan.FromSeconds(10)), "The engine outlived the build killed with SIGKILL.");
            }
            Assert.IsFalse(File.Exists(Path.Combine(project.IntermediateDirectory(), "models", "Slow", "model.zip")), "The killed build left a model in obj/.");

            var rebuilt = project.Build("--no-restore").ShouldSucceed();
            StringAssert.Contains(rebuilt.Output, "ReproBuild: trained Slow");
            AssertShipsTheLockedModel(project, "Slow", expectedTrees: "5");
            Assert.AreEqual(0, Directory.GetDirectories(Path.Combine(project.IntermediateDirectory(), "models"), "*.staging*").Length, "A staging folder was left behind.");
        }
        finally
        {
            EngineProcesses.KillAll(project.Directory);
        }
    }

    [TestMethod]
    public void OutputsOfOtherInputsUnderObjAreNeverAcceptedEvenWhenNewer()
    {
        var project = Small(nameof(OutputsOfOtherInputsUnderObjAreNeverAcceptedEvenWhenNewer));
        project.Build().ShouldSucceed();
        var folder = Path.Combine(project.IntermediateDirectory(), "models", "Churn");
        var oldOutputs = project.Directory + ".old-outputs";
        CopyFolder(folder, oldOutputs);

        project.Build("--no-restore", "-p:Trees=6").ShouldSucceed();
        var current = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));

        // What an engine orphaned by a killed build would do: finish late and put the old inputs' model in place.
        Directory.Delete(folder, recursive: true);
        CopyFolder(oldOutputs, folder);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        }

        var question = project.Build("--no-restore", "-p:Trees=6", "-question").ShouldFail();
        StringAssert.Contains(question.Output, "Model 'Churn' must be built again: its outputs under obj/ are not the ones its current inputs produce");

        var rebuilt = project.Build("--no-restore", "-p:Trees=6").ShouldSucceed();
        StringAssert.Contains(rebuilt.Output, "the outputs of model 'Churn' under obj/ were not produced for its current inputs");
        Assert.AreEqual(current, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
        AssertShipsTheLockedModel(project, "Churn", expectedTrees: "6");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public void AnEngineKilledFromOutsideIsAnErrorThatSaysSo()
    {
        var project = Slow(nameof(AnEngineKilledFromOutsideIsAnErrorThatSaysSo));
        try
        {
            using var build = DotNet.Start(project.Directory, ["build", "--no-restore", "-p:Trees=5000"]);
            var engine = EngineProcesses.WaitFor(project.Directory, TimeSpan.FromMinutes(2), command: "train");
            Assert.IsNotNull(engine, "The engine never started.");
            Thread.Sleep(TimeSpan.FromSeconds(1));
            EngineProcesses.Kill(engine);
            Assert.IsTrue(build.Process.WaitForExit(TimeSpan.FromMinutes(1)), $"The build did not end after its engine {engine} was killed (engines still running: {string.Join(", ", EngineProcesses.Under(project.Directory).Select(e => e.Id))}):\n{build.Output}");

            var result = build.Finish().ShouldFail();
            StringAssert.Contains(result.Output, "error RB3002: The ReproBuild engine was stopped by signal 9");
            Assert.IsFalse(result.Output.Contains("engine.log", StringComparison.Ordinal), "The error points at an engine log that was never written:\n" + result.Output);
            result.ShouldHaveNoStackTrace();
            Assert.IsFalse(File.Exists(project.Output("models/Slow.zip")));
        }
        finally
        {
            EngineProcesses.KillAll(project.Directory);
        }
    }

    [TestMethod]
    public void AModelAKilledBuildLeftCompleteIsCachedAndAbandonedTemporaryFilesGo()
    {
        var project = Small(nameof(AModelAKilledBuildLeftCompleteIsCachedAndAbandonedTemporaryFilesGo));
        var cacheDirectory = project.Directory + ".shared-cache";
        var cache = new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = cacheDirectory };
        project.Build(cache).ShouldSucceed();

        // Killed after the model was in place, before the cache was written: obj/ is complete, the cache knows nothing.
        Directory.Delete(cacheDirectory, recursive: true);
        var abandoned = Path.Combine(cacheDirectory, "cas", $".{new string('a', 64)}.0123456789abcdef0123456789abcdef.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(abandoned)!);
        File.WriteAllText(abandoned, "half a model");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - TimeSpan.FromHours(2));

        var again = project.Build(cache, "--no-restore").ShouldSucceed();
        Assert.IsFalse(again.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), again.Output);
        Assert.IsFalse(File.Exists(abandoned), "An abandoned temporary file stayed in the cache.");

        project.Run("clean").ShouldSucceed();
        StringAssert.Contains(project.Build(cache, "--no-restore").ShouldSucceed().Output, "ReproBuild: restored Churn from the cache");
        AssertShipsTheLockedModel(project, "Churn", expectedTrees: "5");
    }

    [TestMethod]
    public void ARunRecordThatCannotBeWrittenLeavesNoModelThatLooksCurrent()
    {
        var project = Small(nameof(ARunRecordThatCannotBeWrittenLeavesNoModelThatLooksCurrent));
        project.WriteFile(".reprobuild/runs", "a file where the runs folder should be");

        var failed = project.Build().ShouldFail();
        StringAssert.Contains(failed.Output, "error RB4013:");
        StringAssert.Contains(failed.Output, Path.Combine(project.Directory, ".reprobuild", "runs"));
        failed.ShouldHaveNoStackTrace();
        Assert.IsFalse(File.Exists(Path.Combine(project.IntermediateDirectory(), "models", "Churn", "model.zip")), "Outputs of a run without a record were accepted.");

        File.Delete(Path.Combine(project.Directory, ".reprobuild", "runs"));
        StringAssert.Contains(project.Build("--no-restore").ShouldSucceed().Output, "ReproBuild: trained Churn");
        AssertShipsTheLockedModel(project, "Churn", expectedTrees: "5");
    }

    /// <summary>The shipped model, the lock file and the provenance agree, and record the inputs the project has now.</summary>
    internal static void AssertShipsTheLockedModel(UserProject project, string model, string expectedTrees)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        var entry = lockFile.RootElement.GetProperty("models").GetProperty(model);
        var shipped = BuildOutputsTests.Sha256(project.Output($"models/{model}.zip"));
        Assert.AreEqual(entry.GetProperty("sha256").GetString(), shipped, "The shipped model is not the locked one.");
        Assert.AreEqual(expectedTrees, entry.GetProperty("inputs").GetProperty("parameters").GetProperty("NumberOfTrees").GetString());
        using var provenance = JsonDocument.Parse(File.ReadAllText(project.Output($"models/{model}.provenance.json")));
        Assert.AreEqual(entry.GetProperty("fingerprint").GetString(),
            provenance.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("internalParameters").GetProperty("fingerprint").GetString());
        var stamps = BuiltAssembly.Metadata(BuiltAssembly.Load(project.Output($"{project.Name}.dll")));
        Assert.AreEqual(shipped, stamps[$"ReproBuild.{model}.Sha256"], "The assembly stamps another model.");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
