using System.Text.RegularExpressions;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Scale-out (docs/scale-out.md): clones of one project, each building one shard against one remote, train each model
/// once between them; a final unsharded build restores everything and trains nothing. The whole flow meets in a real
/// object store (s3rver, S3-compatible), as CI runners do; the other cases use a folder remote.
/// </summary>
[TestClass]
public sealed partial class ShardTests
{
    private static readonly string[] ModelNames = ["Alpha", "Beta", "Gamma"];

    // Gamma trains on what the Convert stage writes: the shard that owns Gamma runs Convert when no cache has it.
    private const string Items = """
        <Stage Include="Convert" Command="sh convert.sh" Code="convert.sh" Inputs="data/customers.csv" Outputs="data/converted.csv" />
        <Dataset Include="data/customers.csv" />
        <Dataset Include="data/converted.csv" Stage="Convert" />
        <Model Include="Alpha" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="1" Parameters="NumberOfTrees=5;NumberOfLeaves=4" />
        <Model Include="Beta" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="2" Parameters="NumberOfTrees=5;NumberOfLeaves=4" />
        <Model Include="Gamma" Dataset="converted" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=5;NumberOfLeaves=4" />
        """;

    private static UserProject NewProject(string test)
    {
        var project = UserProject.Create(Items, test);
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.WriteFile("convert.sh", "cp data/customers.csv \"$REPROBUILD_OUTPUT_DIR/data/converted.csv\"\n");
        return project;
    }

    /// <summary>Where the clones meet: the remote's address and the environment that reaches it.</summary>
    private sealed record Remote(string Address, IReadOnlyDictionary<string, string?> Environment);

    /// <summary>A folder remote is a share that exists (a missing one is a remote that is down).</summary>
    private static Remote NewRemote(UserProject origin) => new(Directory.CreateDirectory(origin.Directory + ".remote").FullName, new Dictionary<string, string?>());

    /// <summary>Each clone has a local cache of its own, as separate machines do: the remote is the only meeting point.</summary>
    private static CommandResult BuildClone(UserProject project, Remote remote, params string[] arguments) =>
        project.Build(new Dictionary<string, string?>(remote.Environment) { ["REPROBUILD_CACHE"] = project.Directory + ".local-cache" },
            [$"-p:ReproBuildRemote={remote.Address}", .. arguments]);

    private static List<string> Trained(CommandResult build) => [.. ModelNames.Where(m => build.Output.Contains($"ReproBuild: trained {m} ", StringComparison.Ordinal))];

    /// <summary>The models a build skipped, with the shard it named as theirs.</summary>
    private static Dictionary<string, int> Skipped(CommandResult build) =>
        SkipMessage().Matches(build.Output).Where(m => ModelNames.Contains(m.Groups[1].Value)).DistinctBy(m => m.Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"ReproBuild: (\w+) is shard (\d+)'s \(of 3\); skipped")]
    private static partial Regex SkipMessage();

    private static int RunRecords(UserProject project)
    {
        var runs = Path.Combine(project.Directory, ".reprobuild", "runs");
        return Directory.Exists(runs) ? Directory.GetFiles(runs, "*.json", SearchOption.AllDirectories).Length : 0;
    }

    [TestMethod]
    public void ThreeShardsTrainEachModelOnceAndTheFinalBuildRestoresAllAndTrainsNothing()
    {
        var origin = NewProject(nameof(ThreeShardsTrainEachModelOnceAndTheFinalBuildRestoresAllAndTrainsNothing));
        using var store = S3Server.Start("models");
        var remote = new Remote("s3://models/ci", store.BuildEnvironment());
        var shards = Enumerable.Range(0, 3).Select(i => origin.CopyTo($"{Path.GetFileName(origin.Directory)}-shard{i}")).ToList();

        var builds = shards.Select((clone, i) => BuildClone(clone, remote, $"-p:ReproBuildShard={i}/3").ShouldSucceed()).ToList();

        var trainers = ModelNames.ToDictionary(m => m, m => Enumerable.Range(0, 3).Where(i => Trained(builds[i]).Contains(m)).ToList());
        foreach (var (model, trainedBy) in trainers)
        {
            Assert.AreEqual(1, trainedBy.Count, $"{model} was trained by shards [{string.Join(", ", trainedBy)}]; each model must train in exactly one.");
        }
        // The first shard found nothing in the remote: every model it did not train, it skipped, naming the shard that trained it.
        var firstSkipped = Skipped(builds[0]);
        CollectionAssert.AreEquivalent(ModelNames.Except(Trained(builds[0])).ToList(), firstSkipped.Keys.ToList(), builds[0].Output);
        foreach (var (model, owner) in firstSkipped)
        {
            Assert.AreEqual(trainers[model][0], owner, $"Shard 0 said {model} is shard {owner}'s, but shard {trainers[model][0]} trained it.");
        }
        foreach (var (clone, i) in shards.Select((c, i) => (c, i)))
        {
            Assert.IsFalse(File.Exists(Path.Combine(clone.Directory, "repro.lock.json")), $"Shard {i} wrote a lock file.");
            // The shard's assembly embeds only what the shard holds: nothing skipped passes for current.
            var stamped = BuiltAssembly.Metadata(BuiltAssembly.Load(clone.Output("Models.dll")));
            foreach (var skipped in Skipped(builds[i]).Keys)
            {
                Assert.IsFalse(stamped.ContainsKey($"ReproBuild.{skipped}.Sha256"), $"Shard {i} stamped {skipped}, which it skipped.");
                Assert.IsFalse(File.Exists(clone.Output($"models/{skipped}.zip")), $"Shard {i} has a model file for {skipped}, which it skipped.");
            }
        }

        var final = origin.CopyTo($"{Path.GetFileName(origin.Directory)}-final");
        var restored = BuildClone(final, remote).ShouldSucceed();
        CollectionAssert.AreEqual(Array.Empty<string>(), Trained(restored), restored.Output);
        foreach (var model in ModelNames)
        {
            StringAssert.Contains(restored.Output, $"ReproBuild: restored {model} from the remote cache");
            Assert.AreEqual(
                BuildOutputsTests.Sha256(shards[trainers[model][0]].Output($"models/{model}.zip")),
                BuildOutputsTests.Sha256(final.Output($"models/{model}.zip")),
                $"The final build's {model} is not the one its shard trained.");
        }
        StringAssert.Contains(restored.Output, "ReproBuild: restored stage Convert from the remote cache", string.Join("\n----\n", builds.Select(b => b.Output)));
        Assert.IsFalse(restored.Output.Contains("ReproBuild: ran stage", StringComparison.Ordinal), restored.Output);
        Assert.AreEqual(0, RunRecords(final), "The final build trained or ran something: it wrote a run record.");
        Assert.IsTrue(File.Exists(Path.Combine(final.Directory, "repro.lock.json")), "The final build wrote no lock file.");

        // What reprobuild summary reports: the final build restored everything; the first shard skipped what it did not own.
        var account = File.ReadAllText(Path.Combine(final.IntermediateDirectory(), "last-build.json"));
        StringAssert.Contains(account, "\"Alpha\": \"restored\"");
        StringAssert.Contains(account, "\"Convert\": \"restored\"");
        var firstAccount = File.ReadAllText(Path.Combine(shards[0].IntermediateDirectory(), "last-build.json"));
        StringAssert.Contains(firstAccount, "\"shard\": \"0/3\"");
        foreach (var skipped in firstSkipped.Keys)
        {
            StringAssert.Contains(firstAccount, $"\"{skipped}\": \"skipped\"");
        }
    }

    [TestMethod]
    public void AMissingShardLeavesJustItsShareToTheFinalBuild()
    {
        var origin = NewProject(nameof(AMissingShardLeavesJustItsShareToTheFinalBuild));
        var remote = NewRemote(origin);
        var first = BuildClone(origin.CopyTo($"{Path.GetFileName(origin.Directory)}-shard0"), remote, "-p:ReproBuildShard=0/3").ShouldSucceed();
        var second = BuildClone(origin.CopyTo($"{Path.GetFileName(origin.Directory)}-shard1"), remote, "-p:ReproBuildShard=1/3").ShouldSucceed();
        var thirdsShare = Skipped(first).Where(s => s.Value == 2).Select(s => s.Key).ToList();
        var trainedByShards = Trained(first).Concat(Trained(second)).ToList();

        var final = origin.CopyTo($"{Path.GetFileName(origin.Directory)}-final");
        var build = BuildClone(final, remote).ShouldSucceed();

        CollectionAssert.AreEquivalent(thirdsShare, Trained(build), build.Output);
        foreach (var model in trainedByShards)
        {
            StringAssert.Contains(build.Output, $"ReproBuild: restored {model} from");
        }
        Assert.AreEqual(ModelNames.Length, thirdsShare.Count + trainedByShards.Count, $"Shards 0 and 1 trained [{string.Join(", ", trainedByShards)}], shard 2 owns [{string.Join(", ", thirdsShare)}].");
    }

    [TestMethod]
    public void ALockedShardChecksWhatItBuildsAndLeavesTheLockFileAlone()
    {
        var origin = NewProject(nameof(ALockedShardChecksWhatItBuildsAndLeavesTheLockFileAlone));
        origin.Build().ShouldSucceed();
        var lockFile = File.ReadAllText(Path.Combine(origin.Directory, "repro.lock.json"));

        // Every shard skips something when the remote is empty — a model, or a stage and the model that reads it —
        // and what it skipped is not a difference from the lock file.
        foreach (var index in new[] { 0, 1, 2 })
        {
            var clone = origin.CopyTo($"{Path.GetFileName(origin.Directory)}-locked{index}");
            var shard = BuildClone(clone, NewRemote(clone), $"-p:ReproBuildShard={index}/3", "-p:ReproBuildLockedMode=true").ShouldSucceed();
            Assert.IsTrue(Skipped(shard).Count > 0, shard.Output);
            Assert.AreEqual(lockFile, File.ReadAllText(Path.Combine(clone.Directory, "repro.lock.json")));
        }

        // What a shard does build is still checked before anything trains: a parameter that differs from the lock file is RB4001.
        var changed = origin.CopyTo($"{Path.GetFileName(origin.Directory)}-changed");
        changed.WriteProject(Items.Replace("Seed=\"1\"", "Seed=\"11\"", StringComparison.Ordinal));
        var failed = Enumerable.Range(0, 3).Select(i => BuildClone(changed, NewRemote(changed), $"-p:ReproBuildShard={i}/3", "-p:ReproBuildLockedMode=true")).ToList();
        Assert.IsTrue(failed.Any(b => !b.Succeeded && b.Output.Contains("error RB4001", StringComparison.Ordinal) && b.Output.Contains("Alpha", StringComparison.Ordinal)),
            string.Join("\n----\n", failed.Select(b => b.Output)));
    }

    [TestMethod]
    public void TheIndexComesFromTheEnvironmentAndABadShardIsAnError()
    {
        var project = NewProject(nameof(TheIndexComesFromTheEnvironmentAndABadShardIsAnError));
        var bad = project.Build("-p:ReproBuildShard=3/3").ShouldFail();
        bad.ShouldHaveNoStackTrace();
        StringAssert.Contains(bad.Errors.Single(), "error RB1040");
        StringAssert.Contains(bad.Errors.Single(), "ReproBuildShard is '3/3'");

        // The form docs/scale-out.md gives for a Kubernetes Indexed Job: MSBuild reads the environment as properties.
        project.WriteProject(Items, """<ReproBuildShard Condition="'$(JOB_COMPLETION_INDEX)' != ''">$(JOB_COMPLETION_INDEX)/3</ReproBuildShard>""");
        var indexed = project.Build(new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = "2", ["REPROBUILD_CACHE"] = project.Directory + ".local-cache" }).ShouldSucceed();
        StringAssert.Contains(indexed.Output, "ReproBuild: shard 2/3");
        Assert.AreEqual(ModelNames.Length, Trained(indexed).Count + Skipped(indexed).Count, indexed.Output);
        Assert.IsTrue(Skipped(indexed).Values.All(owner => owner != 2), indexed.Output);
    }
}
