using System.Diagnostics;
using System.Security.Cryptography;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The content-addressed cache: a model trained once from some inputs is never trained again from the same inputs
/// on this machine — not after <c>dotnet clean</c>, not in another clone — and concurrent builds or a damaged
/// entry never give a wrong model.
/// </summary>
[TestClass]
public sealed class ModelCacheTests
{
    private static readonly string Items = ChurnProject.Items();

    private static UserProject NewProject(string test) => ChurnProject.Create(test);

    private static Dictionary<string, string?> Cache(string directory) => new() { ["REPROBUILD_CACHE"] = directory };

    [TestMethod]
    public void ACleanBuildAndASecondCloneRestoreTheModelWithoutTraining()
    {
        var project = NewProject(nameof(ACleanBuildAndASecondCloneRestoreTheModelWithoutTraining));
        var cache = Cache(project.Directory + ".shared-cache");
        StringAssert.Contains(project.Build(cache).ShouldSucceed().Output, "ReproBuild: trained Churn");
        var trained = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));

        project.Run("clean").ShouldSucceed();
        var clock = Stopwatch.StartNew();
        var rebuilt = project.Build(cache, "--no-restore").ShouldSucceed();
        clock.Stop();
        StringAssert.Contains(rebuilt.Output, "ReproBuild: restored Churn from the cache");
        Assert.IsFalse(rebuilt.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), rebuilt.Output);
        Assert.AreEqual(trained, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
        Assert.AreEqual(1, Directory.GetFiles(Path.Combine(project.Directory, ".reprobuild", "runs")).Length, "A restore is not a training run and writes no run record.");
        Assert.AreEqual(trained, BuiltAssembly.Metadata(BuiltAssembly.Load(project.Output("Models.dll")))["ReproBuild.Churn.Sha256"]);

        var clone = project.CopyTo(Path.GetFileName(project.Directory) + "-clone");
        var cloned = clone.Build(cache).ShouldSucceed();
        StringAssert.Contains(cloned.Output, "ReproBuild: restored Churn from the cache");
        Assert.AreEqual(trained, BuildOutputsTests.Sha256(clone.Output("models/Churn.zip")));
    }

    [TestMethod]
    public void ADamagedEntryIsReportedRemovedAndBuiltAgain()
    {
        var project = NewProject(nameof(ADamagedEntryIsReportedRemovedAndBuiltAgain));
        var cacheDirectory = project.Directory + ".shared-cache";
        project.Build(Cache(cacheDirectory)).ShouldSucceed();
        var sha256 = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));
        var entry = Path.Combine(cacheDirectory, "cas", sha256);
        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(entry, bytes);

        project.Run("clean").ShouldSucceed();
        var rebuilt = project.Build(Cache(cacheDirectory), "--no-restore").ShouldSucceed();
        Assert.IsTrue(rebuilt.Output.Contains("warning RB4004", StringComparison.Ordinal), rebuilt.Output);
        StringAssert.Contains(rebuilt.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(entry), "The damaged entry was not written again.");
    }

    [TestMethod]
    public void ConcurrentBuildsSharingTheCacheNeverCorruptItOrEachOther()
    {
        var root = Path.Combine(PackagedReproBuild.WorkRoot, $"concurrent-{Guid.NewGuid():N}"[..19]);
        var cacheDirectory = root + ".shared-cache";
        var cache = Cache(cacheDirectory);
        var projects = new List<UserProject>();
        foreach (var name in new[] { "A", "B", "C", "D" })
        {
            var project = UserProject.Create(Items, $"concurrent-{name}", name);
            project.WriteFile("data/customers.csv", TestData.Binary());
            projects.Add(project);
        }
        // Two processes build one project each, a third builds two more with -m: four builds of one model at once.
        File.WriteAllText(Path.Combine(PackagedReproBuild.WorkRoot, $"{Path.GetFileName(root)}.slnx"), $"""
            <Solution>
              <Project Path="{projects[2].ProjectFile}" />
              <Project Path="{projects[3].ProjectFile}" />
            </Solution>
            """);
        var solution = Path.Combine(PackagedReproBuild.WorkRoot, $"{Path.GetFileName(root)}.slnx");
        var builds = new[]
        {
            Task.Run(() => projects[0].Build(cache)),
            Task.Run(() => projects[1].Build(cache)),
            Task.Run(() => DotNet.Run(PackagedReproBuild.WorkRoot, ["build", solution, "-m"], cache)),
        };
        foreach (var build in builds)
        {
            build.Result.ShouldSucceed();
        }

        var models = projects.Select(p => BuildOutputsTests.Sha256(p.Output("models/Churn.zip"))).Distinct().ToArray();
        Assert.AreEqual(1, models.Length, "Concurrent builds of the same inputs gave different models.");
        foreach (var entry in Directory.GetFiles(Path.Combine(cacheDirectory, "cas")))
        {
            Assert.AreEqual(Path.GetFileName(entry), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry))), $"Cache entry {entry} does not hold the content it is named for.");
        }
        Assert.AreEqual(0, Directory.GetFiles(cacheDirectory, "*.tmp", SearchOption.AllDirectories).Length, "A temporary file was left in the cache.");

        var late = NewProject("concurrent-late");
        StringAssert.Contains(late.Build(cache).ShouldSucceed().Output, "ReproBuild: restored Churn from the cache");
    }
}
