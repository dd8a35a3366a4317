using System.Security.Cryptography;
using System.Text;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Data restore: a dataset pinned by Hash is fetched from its Source when it is missing or different, checked
/// before it is written, and never written in place when it does not match.
/// </summary>
[TestClass]
public sealed class DataRestoreTests
{
    [TestMethod]
    public void APinnedDatasetIsFetchedWhenMissingOrChangedAndNeverWrittenWhenItDoesNotMatch()
    {
        using var nginx = NginxRemote.Start();
        var data = TestData.Binary(seed: 9);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data)));
        Directory.CreateDirectory(Path.Combine(nginx.Root, "datasets"));
        File.WriteAllText(Path.Combine(nginx.Root, "datasets", "customers.csv"), data);
        string Items(string pinned) => $"""
            <Dataset Include="data/customers.csv" Source="{nginx.Url}datasets/customers.csv" Hash="{pinned}" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="LbfgsLogisticRegression" />
            """;
        var project = UserProject.Create(Items(hash));
        var file = Path.Combine(project.Directory, "data", "customers.csv");

        var restored = project.Build().ShouldSucceed();
        StringAssert.Contains(restored.Output, "ReproBuild: restored " + file);
        StringAssert.Contains(restored.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(data, File.ReadAllText(file));

        // A local edit is replaced by the pinned content, with a warning; the edit is kept in the cache.
        var edited = data.Replace("yes", "no", StringComparison.Ordinal);
        File.WriteAllText(file, edited);
        var replaced = project.Build("--no-restore").ShouldSucceed();
        Assert.IsTrue(replaced.Output.Contains("warning RB4012", StringComparison.Ordinal), replaced.Output);
        Assert.AreEqual(data, File.ReadAllText(file));
        var editHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(edited)));
        Assert.AreEqual(edited, File.ReadAllText(Path.Combine(project.Directory + ".cache", "cas", editHash)), "The replaced content was lost.");

        // The source now serves other bytes than Hash pins: an error, and nothing in place.
        File.Delete(file);
        var otherProject = UserProject.Create(Items(new string('a', 64)));
        var mismatch = otherProject.Build().ShouldFail();
        mismatch.ShouldHaveNoStackTrace();
        Assert.IsTrue(mismatch.Errors.Any(e => e.Contains("error RB4008", StringComparison.Ordinal) && e.Contains(hash, StringComparison.Ordinal)), mismatch.Output);
        Assert.IsFalse(File.Exists(Path.Combine(otherProject.Directory, "data", "customers.csv")), "A dataset that failed its Hash check was written in place.");
        Assert.AreEqual(0, Directory.GetFiles(otherProject.Directory, "*.tmp", SearchOption.AllDirectories).Length);
    }
}
