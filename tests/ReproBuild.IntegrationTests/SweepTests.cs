using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// reprobuild sweep through the packed packages, as a user runs it (a local tool): a 2×2 grid over one small model.
/// Experiments are trained once, recorded as runs, ranked; the lock file and the project's own models stay as they
/// were and the next build is a no-op; a re-run, shards and --collect restore from the shared cache; --apply writes
/// the winner into the project file and the next build restores it instead of training.
/// </summary>
[TestClass]
public sealed class SweepTests
{
    private const string Items = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="1" Parameters="NumberOfTrees=5;NumberOfLeaves=4" />
        """;

    private static readonly string[] Grid = ["-p", "NumberOfTrees=3,6", "-p", "LearningRate=0.1,0.3"];

    private static InstalledTool s_tool = null!;

    [ClassInitialize]
    public static void InstallTheTool(TestContext context) => s_tool = InstalledTool.Install("sweep-tool");

    private static UserProject NewProject(string test)
    {
        var project = UserProject.Create(Items, test);
        project.WriteFile("data/customers.csv", TestData.Binary());
        return project;
    }

    /// <summary>The tool with the project's model cache, the one its builds use (each folder has its own in tests).</summary>
    private static CommandResult Sweep(UserProject project, params string[] arguments) =>
        s_tool.Run(new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = project.Directory + ".cache" }, ["sweep", project.Directory, .. arguments]);

    /// <summary>Each experiment's id and outcome (trained, restored, missing), ranked ones first.</summary>
    private static List<(string Id, string Outcome, int? Rank)> Experiments(CommandResult sweep)
    {
        using var json = JsonDocument.Parse(sweep.StandardOutput);
        return [.. json.RootElement.GetProperty("experiments").EnumerateArray().Concat(json.RootElement.GetProperty("unranked").EnumerateArray())
            .Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("outcome").GetString()!, e.TryGetProperty("rank", out var rank) ? rank.GetInt32() : (int?)null))];
    }

    private static string[] RunRecords(UserProject project)
    {
        var runs = Path.Combine(project.Directory, ".reprobuild", "runs");
        return Directory.Exists(runs) ? Directory.GetFiles(runs, "*.json") : [];
    }

    [TestMethod]
    public void ASweepTrainsAndRecordsEachExperimentLeavesTheProjectsOutputsAloneAndARerunRestoresThemAll()
    {
        var project = NewProject(nameof(ASweepTrainsAndRecordsEachExperimentLeavesTheProjectsOutputsAloneAndARerunRestoresThemAll));
        project.Build().ShouldSucceed();
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        var lastBuild = Path.Combine(project.IntermediateDirectory(), "last-build.json");
        var model = Path.Combine(project.IntermediateDirectory(), "models", "Churn", "model.zip");
        var before = new[] { lockFile, lastBuild, model, project.Output("models/Churn.zip") }.ToDictionary(f => f, File.ReadAllBytes);
        var recordsBefore = RunRecords(project);

        var sweep = Sweep(project, [.. Grid, "--json"]).ShouldSucceed();

        var experiments = Experiments(sweep);
        Assert.HasCount(4, experiments);
        Assert.IsTrue(experiments.All(e => e.Outcome == "trained"), sweep.Output);
        CollectionAssert.AreEqual(new int?[] { 1, 2, 3, 4 }, experiments.Select(e => e.Rank).ToArray());
        using (var json = JsonDocument.Parse(sweep.StandardOutput))
        {
            var values = json.RootElement.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("metrics").GetProperty("AreaUnderRocCurve").GetDouble()).ToArray();
            CollectionAssert.AreEqual(values.OrderByDescending(v => v).ToArray(), values, "ranked by AUC, best first");
        }
        // Each experiment's training is a run record of its own, tagged with the experiment's id.
        var newRecords = RunRecords(project).Except(recordsBefore).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("experiment").GetString()).ToArray();
        CollectionAssert.AreEquivalent(experiments.Select(e => e.Id).ToArray(), newRecords);
        foreach (var (file, bytes) in before)
        {
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(file), $"{file} was changed by the sweep");
        }

        var build = project.Build().ShouldSucceed();
        Assert.DoesNotContain("ReproBuild: trained", build.Output);
        Assert.DoesNotContain("ReproBuild: restored", build.Output);
        CollectionAssert.AreEqual(before[lockFile], File.ReadAllBytes(lockFile));

        var rerun = Sweep(project, [.. Grid, "--json"]).ShouldSucceed();

        var again = Experiments(rerun);
        Assert.IsTrue(again.All(e => e.Outcome == "restored"), rerun.Output);
        CollectionAssert.AreEqual(experiments.Select(e => e.Id).ToArray(), again.Select(e => e.Id).ToArray(), "the same ranking");
        Assert.HasCount(recordsBefore.Length + 4, RunRecords(project), "nothing trained, nothing recorded again");
    }

    [TestMethod]
    public void ShardsShareTheGridCollectGathersItAndTheAppliedWinnerIsRestoredByTheNextBuild()
    {
        var project = NewProject(nameof(ShardsShareTheGridCollectGathersItAndTheAppliedWinnerIsRestoredByTheNextBuild));
        project.Run("restore").ShouldSucceed();

        var unknownModel = Sweep(project, [.. Grid, "-m", "Fraud"]).ShouldExitWith(2);
        StringAssert.Contains(unknownModel.StandardError, "-m Fraud: Models.csproj has no such model; its models: Churn.");
        var badParameter = Sweep(project, "-p", "NoSuchOption=1").ShouldExitWith(2);
        StringAssert.Contains(badParameter.StandardError, "error RB1005: trainer FastTree has no parameter 'NoSuchOption'");
        badParameter.ShouldHaveNoStackTrace();
        // The experiment properties by hand, naming a model the project does not have: the build's own error.
        var byHand = project.Run("msbuild", "-t:BuildOnlySettings;ReproBuildTrain", "-p:ReproBuildExperiment=Fraud-1", "-p:ReproBuildExperimentModel=Fraud").ShouldFail();
        Assert.IsTrue(byHand.Errors.Any(e => e.Contains("error RB1050: Experiment 'Fraud-1': ReproBuildExperimentModel 'Fraud' is not a Model item of this project (models: Churn)", StringComparison.Ordinal)), byHand.Output);
        byHand.ShouldHaveNoStackTrace();

        var nothingYet = Sweep(project, [.. Grid, "--collect", "--json"]).ShouldExitWith(1);
        Assert.IsTrue(Experiments(nothingYet).All(e => e.Outcome == "missing"), nothingYet.Output);

        var first = Experiments(Sweep(project, [.. Grid, "--shard", "0/2", "--json"]).ShouldSucceed());
        var second = Experiments(Sweep(project, [.. Grid, "--shard", "1/2", "--json"]).ShouldSucceed());
        Assert.HasCount(2, first);
        Assert.HasCount(2, second);
        Assert.IsTrue(first.Concat(second).All(e => e.Outcome == "trained"));
        Assert.IsEmpty(first.Select(e => e.Id).Intersect(second.Select(e => e.Id)));

        var collected = Sweep(project, [.. Grid, "--collect", "--apply", "--json"]).ShouldSucceed();

        var all = Experiments(collected);
        CollectionAssert.AreEquivalent(first.Concat(second).Select(e => e.Id).ToArray(), all.Select(e => e.Id).ToArray());
        Assert.IsTrue(all.All(e => e.Outcome == "restored"), collected.Output);
        using (var json = JsonDocument.Parse(collected.StandardOutput))
        {
            var parameters = json.RootElement.GetProperty("experiments")[0].GetProperty("parameters").GetString()!;
            StringAssert.Contains(File.ReadAllText(project.ProjectFile), $"Parameters=\"{parameters}\"");
        }

        var build = project.Build().ShouldSucceed();
        StringAssert.Contains(build.Output, "ReproBuild: restored Churn from the cache, not trained");
        Assert.DoesNotContain("ReproBuild: trained", build.Output);
    }
}
