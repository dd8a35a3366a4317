using System.Text.RegularExpressions;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A build that inspects a changed dataset and trains a model on it does both in one engine process, and no engine
/// outlives the build — with MSBuild's node reuse too, where the node that ran the tasks stays for the next build.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed partial class SharedEngineTests
{
    private static UserProject NewProject(string test) => ChurnProject.Create(test);

    [GeneratedRegex(@"ReproBuild: started the engine \(process (\d+)\) for '(\w+)'")]
    private static partial Regex StartedEngine();

    private static List<(int Pid, string Command)> EnginesStarted(CommandResult build) =>
        StartedEngine().Matches(build.Output).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();

    private static void AssertNoEngineOutlives(UserProject project, IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            var engine = new EngineProcess(pid, "ReproBuild.Engine.dll");
            Assert.IsTrue(EngineProcesses.WaitForExit(engine, TimeSpan.FromSeconds(10)), $"Engine process {pid} outlived its build.");
        }
        Assert.IsEmpty(EngineProcesses.Under(project.Directory), "An engine of the project's build is still running.");
    }

    [TestMethod]
    public void OneEngineProcessInspectsAndTrainsAndTheModelIsTheOneATrainingAloneMakes()
    {
        var project = NewProject(nameof(OneEngineProcessInspectsAndTrainsAndTheModelIsTheOneATrainingAloneMakes));
        var cache = new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = project.Directory + ".cache" };
        try
        {
            var both = project.Build(cache, "-v:d").ShouldSucceed();
            StringAssert.Contains(both.Output, "ReproBuild: trained Churn");
            var started = EnginesStarted(both);
            Assert.HasCount(1, started, both.Output);
            Assert.AreEqual("inspect", started[0].Command);
            StringAssert.Contains(both.Output, $"ReproBuild: the engine this build started earlier (process {started[0].Pid}) runs 'train'; no second engine process.");
            AssertNoEngineOutlives(project, [started[0].Pid]);
            var shared = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));

            // The same model trained by an engine that did not inspect its data in this build: byte for byte the same.
            Directory.Delete(Path.Combine(project.IntermediateDirectory(), "models"), recursive: true);
            var alone = project.Build(new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = project.Directory + ".empty-cache" }, "--no-restore", "-v:d").ShouldSucceed();
            StringAssert.Contains(alone.Output, "ReproBuild: trained Churn");
            var trainedAlone = EnginesStarted(alone);
            CollectionAssert.AreEqual(new[] { "train" }, trainedAlone.Select(e => e.Command).ToArray(), alone.Output);
            AssertNoEngineOutlives(project, trainedAlone.Select(e => e.Pid));
            Assert.AreEqual(shared, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
        }
        finally
        {
            EngineProcesses.KillAll(project.Directory);
        }
    }

    [TestMethod]
    public void WithNodeReuseTheEngineEndsWithTheBuildWhetherItTrainedOrNot()
    {
        var project = NewProject(nameof(WithNodeReuseTheEngineEndsWithTheBuildWhetherItTrainedOrNot));
        // The project builds in a worker node that stays for the next build (what users get by default), marked so
        // that this test finds and ends its own nodes.
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?>
        {
            ["MSBUILDDISABLENODEREUSE"] = "0",
            ["MSBUILDNOINPROCNODE"] = "1",
            ["REPROBUILD_TEST_NODE"] = marker,
            ["REPROBUILD_CACHE"] = project.Directory + ".cache",
        };
        try
        {
            var trained = project.Build(environment, "-nr:true", "-v:d").ShouldSucceed();
            StringAssert.Contains(trained.Output, "ReproBuild: trained Churn");
            var started = EnginesStarted(trained);
            Assert.HasCount(1, started, trained.Output);
            Assert.IsNotEmpty(WorkerNodes(marker), "No MSBuild node stayed after the build: the test did not build with node reuse.");
            AssertNoEngineOutlives(project, started.Select(e => e.Pid));

            // The data inspected again, the model then restored from the cache: nothing trains, and the engine that
            // inspected does not wait in the node for a request that never comes.
            Directory.Delete(project.IntermediateDirectory(), recursive: true);
            var restored = project.Build(environment, "-nr:true", "-v:d", "--no-restore").ShouldSucceed();
            StringAssert.Contains(restored.Output, "ReproBuild: restored Churn");
            var inspected = EnginesStarted(restored);
            CollectionAssert.AreEqual(new[] { "inspect" }, inspected.Select(e => e.Command).ToArray(), restored.Output);
            Assert.IsNotEmpty(WorkerNodes(marker));
            AssertNoEngineOutlives(project, inspected.Select(e => e.Pid));
        }
        finally
        {
            EngineProcesses.KillAll(project.Directory);
            foreach (var node in WorkerNodes(marker))
            {
                using var process = System.Diagnostics.Process.GetProcessById(node);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>The MSBuild worker nodes started by this test's builds: their environment holds its marker.</summary>
    private static List<int> WorkerNodes(string marker)
    {
        var nodes = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cmdline")).Contains("nodemode", StringComparison.OrdinalIgnoreCase)
                    && File.ReadAllText(Path.Combine(entry, "environ")).Contains($"REPROBUILD_TEST_NODE={marker}", StringComparison.Ordinal))
                {
                    nodes.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return nodes;
    }
}
