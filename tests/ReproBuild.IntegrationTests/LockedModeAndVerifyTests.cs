using System.Text.RegularExpressions;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Reproducibility, checked: locked mode (CI) fails on any uncommitted change with a list of what differs, and
/// verify mode retrains everything and fails when a model does not come out with the locked bytes.
/// </summary>
[TestClass]
public sealed class LockedModeAndVerifyTests
{
    [TestMethod]
    public void InCIAChangedDatasetOrParameterFailsWithAListOfDifferencesAndNothingTrains()
    {
        string Items(int trees) => $"""
            <Dataset Include="data/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
                   Trainer="FastTree" Seed="1" Parameters="NumberOfTrees={trees};NumberOfLeaves=4" />
            """;
        var project = UserProject.Create(Items(5));
        project.WriteFile("data/customers.csv", TestData.Binary());

        var noLock = project.Build("-p:ContinuousIntegrationBuild=true").ShouldFail();
        Assert.IsTrue(noLock.Errors.Any(e => e.Contains("error RB4003", StringComparison.Ordinal)), noLock.Output);

        project.Build("--no-restore").ShouldSucceed();
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        var committed = File.ReadAllText(lockFile);
        project.Build("--no-restore", "-p:ContinuousIntegrationBuild=true").ShouldSucceed();

        File.AppendAllText(Path.Combine(project.Directory, "data", "customers.csv"), "1.5,2.5,red,yes\n");
        project.WriteProject(Items(6));
        var changed = project.Build("--no-restore", "-p:ContinuousIntegrationBuild=true").ShouldFail();
        changed.ShouldHaveNoStackTrace();
        var errors = changed.Errors;
        Assert.IsTrue(errors.Any(e => LockError("customers").IsMatch(e) && e.Contains("rows 200 → 201", StringComparison.Ordinal) && e.Contains("sha256 ", StringComparison.Ordinal)), changed.Output);
        Assert.IsTrue(errors.Any(e => e.Contains("model 'Churn' differs", StringComparison.Ordinal) && e.Contains("inputs.parameters.NumberOfTrees 5 → 6", StringComparison.Ordinal) && e.Contains("inputs.dataset.sha256", StringComparison.Ordinal)), changed.Output);
        Assert.IsFalse(changed.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), "Locked mode trained before it failed.");
        Assert.AreEqual(committed, File.ReadAllText(lockFile), "Locked mode rewrote the lock file.");

        // Outside CI the change is accepted and recorded; committed, CI is happy again.
        project.Build("--no-restore").ShouldSucceed();
        Assert.AreNotEqual(committed, File.ReadAllText(lockFile));
        project.Build("--no-restore", "-p:ContinuousIntegrationBuild=true").ShouldSucceed();
    }

    [TestMethod]
    public void VerifyModeFailsOnANondeterministicTrainerNamingTheZipEntriesThatDiffer()
    {
        // SDCA with several threads is not deterministic (docs/facts.md): verify mode must catch it.
        var project = UserProject.Create("""
            <Dataset Include="data/houses.csv" />
            <Model Include="Price" Dataset="houses" Task="Regression" LabelColumn="target" Trainer="Sdca"
                   Parameters="NumberOfThreads=4;MaximumNumberOfIterations=30" />
            <Model Include="Stable" Dataset="houses" Task="Regression" LabelColumn="target" Trainer="FastTree"
                   Parameters="NumberOfTrees=5" />
            """);
        project.WriteFile("data/houses.csv", TestData.Regression(rows: 4000));
        project.Build().ShouldSucceed();

        var verify = project.Build("--no-restore", "-p:ReproBuildVerify=true").ShouldFail();
        verify.ShouldHaveNoStackTrace();
        var error = verify.Errors.SingleOrDefault(e => e.Contains("error RB3007", StringComparison.Ordinal));
        Assert.IsNotNull(error, verify.Output);
        Assert.IsTrue(LockError("Price").IsMatch(error), error);
        StringAssert.Contains(error, "Zip entries whose content differs:");
        StringAssert.Contains(verify.Output, "ReproBuild: verified Stable");
        Assert.IsFalse(File.Exists(project.Output("models/Price.zip")), "A model that failed verification was left in the output.");
    }

    [TestMethod]
    public void VerifyModeFailsAgainstATamperedLockAndPassesAgainstTheTrueOne()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="LbfgsLogisticRegression" />
            """);
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Build().ShouldSucceed();
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        var truth = File.ReadAllText(lockFile);
        var sha256 = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));

        StringAssert.Contains(project.Build("--no-restore", "-p:ReproBuildVerify=true").ShouldSucceed().Output, "ReproBuild: verified Churn");

        File.WriteAllText(lockFile, truth.Replace(sha256, new string('0', 64), StringComparison.Ordinal));
        var tampered = project.Build("--no-restore", "-p:ReproBuildVerify=true").ShouldFail();
        var error = tampered.Errors.SingleOrDefault(e => e.Contains("error RB3007", StringComparison.Ordinal));
        Assert.IsNotNull(error, tampered.Output);
        StringAssert.Contains(error, "in neither the local nor the remote cache");
        Assert.AreEqual(truth.Replace(sha256, new string('0', 64), StringComparison.Ordinal), File.ReadAllText(lockFile), "Verify mode rewrote the lock file.");
    }

    /// <summary>An error at the entry's line in the lock file, naming the entry.</summary>
    private static Regex LockError(string name) => new($@"repro\.lock\.json\(\d+,5\): error RB\d{{4}}: .*'{name}'");
}
