using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Two builds of one project at once (the IDE's and a terminal's) share obj/: the second waits for the first and
/// then finds its work done. The wait ends with the first build however it ends, node reuse or not.
/// </summary>
[TestClass]
public sealed class ConcurrentBuildTests
{
    private const string Items = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        <Model Include="Loyal" Dataset="customers" Task="BinaryClassification" LabelColumn="$(LoyalLabel)" Trainer="LightGbm" Seed="4" />
        """;

    private static UserProject NewProject(string test)
    {
        var project = UserProject.Create(Items, test);
        project.WriteProject(Items, "<LoyalLabel>label</LoyalLabel>");
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Run("restore").ShouldSucceed();
        return project;
    }

    [TestMethod]
    public void TwoBuildsOfOneProjectAtOnceBothSucceedAndTrainEachModelOnce()
    {
        var project = NewProject(nameof(TwoBuildsOfOneProjectAtOnceBothSucceedAndTrainEachModelOnce));

        var builds = new[] { Start(project), Start(project) };
        var results = builds.Select(b => b.Finish()).ToArray();

        foreach (var result in results)
        {
            result.ShouldSucceed();
            result.ShouldHaveNoStackTrace();
        }
        Assert.AreEqual(2, Directory.GetFiles(Path.Combine(project.Directory, ".reprobuild", "runs")).Length,
            "Each model should have trained once: the second build finds the first one's work done.\n" + string.Join("\n----\n", results.Select(r => r.Output)));
        KilledBuildTests.AssertShipsTheLockedModel(project, "Churn", expectedTrees: "10");
        Assert.AreEqual(0, Directory.GetDirectories(Path.Combine(project.IntermediateDirectory(), "models"), "*.staging*").Length, "A staging folder was left behind.");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public void WithNodeReuseAFailedBuildDoesNotKeepTheNextOneWaiting()
    {
        var project = NewProject(nameof(WithNodeReuseAFailedBuildDoesNotKeepTheNextOneWaiting));
        // The project builds in a reused worker node that outlives each build: what a user's machine does by default.
        var reuse = new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "0", ["MSBUILDNOINPROCNODE"] = "1" };
        try
        {
            // Fails inside the pipeline, after the lock was taken and before the step that gives it back.
            var failed = project.Build(reuse, "--no-restore", "-nr:true", "-p:LoyalLabel=nope").ShouldFail();
            StringAssert.Contains(failed.Output, "error RB1012");

            var next = DotNet.Run(project.Directory, ["build", "--no-restore", "-nr:true"], reuse, timeout: TimeSpan.FromMinutes(3)).ShouldSucceed();
            Assert.IsFalse(next.Output.Contains("waiting for it to finish", StringComparison.Ordinal), next.Output);
            StringAssert.Contains(next.Output, "ReproBuild: trained Loyal");
        }
        finally
        {
            DotNet.Run(project.Directory, ["build-server", "shutdown", "--msbuild"]);
        }
    }

    private static RunningCommand Start(UserProject project) => DotNet.Start(project.Directory, ["build", "--no-restore"]);
}
