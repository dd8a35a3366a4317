using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The templates of the ReproBuild.Templates package, instantiated with <c>dotnet new</c> from the package under test
/// and built through the packages of the same run: what a user gets in the first minute must build, train, pass its
/// gates and run — and build to the same bytes wherever it is instantiated.
/// </summary>
[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    [DataRow("binary", "Cancer", "FastTree", "cancer")]
    [DataRow("multiclass", "Iris", "LbfgsMaximumEntropy", "iris")]
    [DataRow("regression", "Diabetes", "FastTree", "diabetes")]
    public void TheSolutionTemplateTrainsItsTasksModelPassesItsGateAndTheAppPredicts(string task, string model, string trainer, string dataset)
    {
        var root = NewSolution($"Solution-{task}", "Acme", "--task", task);
        var solution = Path.Combine(root, "Acme");

        // Only the dataset the task needs ships, with its schema and provenance.
        CollectionAssert.AreEquivalent(
            new[] { $"{dataset}.csv", $"{dataset}.schema.json", "SOURCE.md" },
            Directory.GetFiles(Path.Combine(solution, "Acme.Models", "data")).Select(Path.GetFileName).ToArray());

        var test = DotNet.Run(solution, ["test"]).ShouldSucceed();
        StringAssert.Contains(test.Output, $"ReproBuild: trained {model} ({trainer},");
        StringAssert.Matches(test.Output, new System.Text.RegularExpressions.Regex(@"Passed!\s+- Failed:\s+0, Passed:\s+1,"));
        Assert.IsTrue(File.Exists(Path.Combine(solution, "Acme.Models", "repro.lock.json")), "the first build writes the lock file");

        var run = DotNet.Run(solution, ["run", "--project", "Acme.App"]).ShouldSucceed();
        StringAssert.Contains(run.StandardOutput, $"{model} 1.0.0  sha256 ");
        StringAssert.Contains(run.StandardOutput, $"with {trainer}, seed 42");
        StringAssert.Contains(run.StandardOutput, "  packages: Microsoft.ML=");
        StringAssert.Contains(run.StandardOutput, "first rows: ");
    }

    [TestMethod]
    public void TheModelAndGatesTemplatesSideBySideTrainTheChosenTrainerAndGateIt()
    {
        var root = PackagedReproBuild.NewFolder(nameof(TheModelAndGatesTemplatesSideBySideTrainTheChosenTrainerAndGateIt));
        UserProject.WriteUserSetup(root);
        InstalledTemplates.New(root, "reprobuild-model", "-n", "Shop.Models", "--task", "multiclass", "--trainer", "SdcaMaximumEntropy");
        // No --model-project: a test project named X.Tests references ../X.Models/X.Models.csproj.
        InstalledTemplates.New(root, "reprobuild-gates", "-n", "Shop.Tests", "--task", "multiclass");

        var test = DotNet.Run(Path.Combine(root, "Shop.Tests"), ["test"]).ShouldSucceed();
        StringAssert.Contains(test.Output, "ReproBuild: trained Iris (SdcaMaximumEntropy,");
        StringAssert.Contains(test.Output, "Passed!");
        StringAssert.Contains(File.ReadAllText(Path.Combine(root, "Shop.Tests", "Shop.Tests.csproj")), $"""<PackageReference Include="ReproBuild.Testing" Version="{PackagedReproBuild.Version}" />""");
    }

    [TestMethod]
    public void TwoInstantiationsInDifferentFoldersBuildByteIdenticalModelsAndAssemblies()
    {
        var roots = new[] { "Identical-a", Path.Combine("Identical-b", "nested", "deeper") }
            .Select(folder => NewSolution(folder, "Acme", "--task", "regression"))
            .ToArray();
        foreach (var root in roots)
        {
            var solution = Path.Combine(root, "Acme");
            DotNet.Run(solution, ["build"]).ShouldSucceed(); // writes the lock file that a CI build checks against
            DotNet.Run(solution, ["build", "-c", "Release", "-p:ContinuousIntegrationBuild=true"]).ShouldSucceed();
        }

        foreach (var output in new[] { "Acme.Models/bin/Release/net10.0/Acme.Models.dll", "Acme.Models/bin/Release/net10.0/models/Diabetes.zip", "Acme.Tests/bin/Release/net10.0/Acme.Tests.dll", "Acme.App/bin/Release/net10.0/Acme.App.dll" })
        {
            CollectionAssert.AreEqual(
                File.ReadAllBytes(Path.Combine(roots[0], "Acme", output)),
                File.ReadAllBytes(Path.Combine(roots[1], "Acme", output)),
                $"{output} differs between two instantiations of reprobuild-solution built the same way.");
        }
    }

    /// <summary>
    /// A new folder (<paramref name="folder"/>: a name, then maybe subfolders) with the run's feed as its NuGet source,
    /// and <c>dotnet new reprobuild-solution -n {arguments}</c> in it.
    /// </summary>
    private static string NewSolution(string folder, params string[] arguments)
    {
        var parts = folder.Split(Path.DirectorySeparatorChar);
        var top = PackagedReproBuild.NewFolder(parts[0]);
        UserProject.WriteUserSetup(top);
        var root = Path.Combine([top, .. parts[1..]]);
        Directory.CreateDirectory(root);
        InstalledTemplates.New(root, ["reprobuild-solution", "-n", .. arguments]);
        return root;
    }
}
