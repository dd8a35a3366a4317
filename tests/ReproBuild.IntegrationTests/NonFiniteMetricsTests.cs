using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// No bad value ships a model or passes a gate: a model that predicts infinity fails the build with nothing written,
/// a metric that cannot be computed is null (never a "perfect" 0) and fails every gate on it, and parameters that
/// make no sense are errors at their model's line before anything trains.
/// </summary>
[TestClass]
public sealed class NonFiniteMetricsTests
{
    [TestMethod]
    public void AModelThatPredictsInfinityFailsWithRB3010AndShipsNothing()
    {
        // A finite but enormous learning rate: every tree's output overflows, so every prediction is infinite.
        var project = UserProject.Create("""
            <Dataset Include="data/prices.csv" />
            <Model Include="Good" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastTree" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
            <Model Include="Price" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastTree" Parameters="NumberOfTrees=10;NumberOfLeaves=4;LearningRate=1e300" />
            """);
        project.WriteFile("data/prices.csv", TestData.Regression());

        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();

        var error = result.Errors.Single(e => e.Contains("RB3010", StringComparison.Ordinal));
        StringAssert.StartsWith(error, $"{ElementLocation.Of(project.ProjectFile, "Include=\"Price\"")}: error RB3010: model 'Price' predicts +infinity for ");
        StringAssert.Contains(error, "so it is not written: trainer FastTree diverged. That usually means a parameter value makes it diverge (this model sets LearningRate=1e300;");
        Assert.HasCount(1, result.Errors, string.Join("\n", result.Errors));

        Assert.IsFalse(File.Exists(project.Output("models/Price.zip")), "the model does not ship");
        Assert.IsFalse(Directory.Exists(Path.Combine(project.IntermediateDirectory(), "models", "Price")), "nothing of it in obj/");
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        if (File.Exists(lockFile))
        {
            using var lockDocument = JsonDocument.Parse(File.ReadAllText(lockFile));
            Assert.IsFalse(
                lockDocument.RootElement.TryGetProperty("models", out var models) && models.TryGetProperty("Price", out var price) && price.TryGetProperty("sha256", out _),
                "the lock file records no digest for it");
        }
        var fingerprint = BuildOutputsTests.Sha256(Path.Combine(project.IntermediateDirectory(), "models", "Price.inputs.json"));
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory + ".cache", "ac", fingerprint)), "the cache holds no record of it");
    }

    [TestMethod]
    public void ZeroHeldOutRowsGiveNullMetricsAndEveryGateOnThemFails()
    {
        var projects = GateProjects.Create(
            nameof(ZeroHeldOutRowsGiveNullMetricsAndEveryGateOnThemFails),
            """
            <Dataset Include="data/prices.csv" />
            <Model Include="Price" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastTree" TestFraction="0.001"
                   Parameters="NumberOfTrees=5;NumberOfLeaves=2;MinimumExampleCountPerLeaf=1" />
            """,
            """
            <MetricGate Include="Price" Metric="RootMeanSquaredError" Maximum="1000" />
            <MetricGate Include="Price" Metric="RSquared" Minimum="-1000" />
            <MetricGate Include="Price" Metric="MeanAbsoluteError" MaxRise="1000" />
            """);
        File.WriteAllText(Path.Combine(projects.Models, "data", "prices.csv"), TestData.Regression(rows: 8));

        var build = DotNet.Run(projects.Models, ["build"]).ShouldSucceed();
        var warning = $"{ElementLocation.Of(projects.ModelsProjectFile, "Include=\"Price\"")}: warning RB3011: model 'Price' has no metrics (all are null): the test split has 0 rows: TestFraction 0.001 of 8 rows.";
        StringAssert.Contains(build.Output, warning);

        var bin = Path.Combine(projects.Models, "bin", "Debug", "net10.0");
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(bin, "models", "Price.metrics.json"))))
        {
            Assert.AreEqual(0, metrics.RootElement.GetProperty("testRows").GetInt64());
            var values = metrics.RootElement.GetProperty("metrics").EnumerateObject().ToArray();
            Assert.HasCount(5, values);
            Assert.IsTrue(values.All(v => v.Value.ValueKind == JsonValueKind.Null), string.Join(", ", values.Select(v => $"{v.Name}={v.Value}")));
        }
        using (var lockDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(projects.Models, "repro.lock.json"))))
        {
            Assert.AreEqual(JsonValueKind.Null, lockDocument.RootElement.GetProperty("models").GetProperty("Price").GetProperty("metrics").GetProperty("RootMeanSquaredError").ValueKind);
        }
        var stamps = BuiltAssembly.Metadata(BuiltAssembly.Load(Path.Combine(bin, "Models.dll")));
        Assert.IsTrue(stamps.ContainsKey("ReproBuild.Price.Sha256"));
        Assert.IsFalse(stamps.Keys.Any(k => k.StartsWith("ReproBuild.Price.Metric.", StringComparison.Ordinal)), "no number stands in for a metric that was not computed: " + string.Join(", ", stamps.Keys));

        var test = DotNet.Run(projects.Gates, ["test"]).ShouldFail();
        StringAssert.Contains(test.Output, "Failed!  - Failed:     3, Passed:     0");
        StringAssert.Contains(test.Output, "Price: RootMeanSquaredError has no value: the build recorded null because it could not be computed (the build's warning RB3011 says why), so the gate cannot pass (model sha256 ");
        StringAssert.Contains(test.Output, "Price: RSquared has no value:");
        StringAssert.Contains(test.Output, "Price: MeanAbsoluteError has no value:");

        // The null metrics committed as the baseline: once the model has a number again, MaxRise has nothing to compare it with.
        Git.Run(projects.Root, "init", "-q");
        Git.Run(projects.Root, "add", "-A");
        Git.Run(projects.Root, "commit", "-qm", "a baseline of nulls");
        File.WriteAllText(Path.Combine(projects.Models, "data", "prices.csv"), TestData.Regression());
        projects.WriteModels("""
            <Dataset Include="data/prices.csv" />
            <Model Include="Price" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastTree" TestFraction="0.2"
                   Parameters="NumberOfTrees=5;NumberOfLeaves=2;MinimumExampleCountPerLeaf=1" />
            """);
        var retest = DotNet.Run(projects.Gates, ["test"]).ShouldFail();
        StringAssert.Contains(retest.Output, "Failed!  - Failed:     1, Passed:     2");
        StringAssert.Contains(retest.Output, "Price: MeanAbsoluteError has no baseline value in repro.lock.json at HEAD (the model or metric is not there, or it is null because it could not be computed)");
    }

    [TestMethod]
    public void ParametersThatMakeNoSenseAreRB1006AtTheirModelsLineBeforeAnythingTrains()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/prices.csv" />
            <Model Include="NotANumber" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastTree" Parameters="LearningRate=NaN" />
            <Model Include="Infinite" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="Sdca" Parameters="L2Regularization=Infinity" />
            <Model Include="MinusInfinite" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="LbfgsPoissonRegression" Parameters="OptimizationTolerance=-Infinity" />
            <Model Include="NegativeTrees" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="FastForest" Parameters="NumberOfTrees=-5" />
            <Model Include="NoLeaves" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="LightGbm" Parameters="NumberOfLeaves=0" />
            <Model Include="Refused" Dataset="prices" Task="Regression" LabelColumn="target" Trainer="Sdca" Parameters="L2Regularization=-1" />
            """);
        project.WriteFile("data/prices.csv", TestData.Regression());

        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();

        string[] expected =
        [
            $"{ElementLocation.Of(project.ProjectFile, "\"NotANumber\"")}: error RB1006: parameter LearningRate of trainer FastTree expects a finite number; 'NaN' is not one.",
            $"{ElementLocation.Of(project.ProjectFile, "\"Infinite\"")}: error RB1006: parameter L2Regularization of trainer Sdca expects a finite number; 'Infinity' is not one.",
            $"{ElementLocation.Of(project.ProjectFile, "\"MinusInfinite\"")}: error RB1006: parameter OptimizationTolerance of trainer LbfgsPoissonRegression expects a finite number; '-Infinity' is not one.",
            $"{ElementLocation.Of(project.ProjectFile, "\"NegativeTrees\"")}: error RB1006: parameter NumberOfTrees of trainer FastForest expects a whole number of at least 1; '-5' is not one.",
            $"{ElementLocation.Of(project.ProjectFile, "\"NoLeaves\"")}: error RB1006: parameter NumberOfLeaves of trainer LightGbm expects a whole number of at least 2; '0' is not one.",
            $"{ElementLocation.Of(project.ProjectFile, "\"Refused\"")}: error RB1006: parameter L2Regularization of trainer Sdca cannot be '-1': ML.NET says \"L2 constant must be non-negative.\"",
        ];
        var errors = string.Join("\n", result.Errors);
        foreach (var error in expected)
        {
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(error, StringComparison.Ordinal)), $"Missing: {error}\n{errors}");
        }
        Assert.HasCount(expected.Length, result.Errors, errors);
        Assert.IsFalse(result.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), result.Output);
    }
}
