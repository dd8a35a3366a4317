using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// The tasks serialise through a contract generated at compile time; every other ReproBuild program (the engine, the
/// tool) through reflection. Both must read and write the same bytes, or a lock file would change with the writer.
/// </summary>
[TestClass]
public sealed class TaskJsonContractTests
{
    private static readonly JsonSerializerOptions ReflectionOnly = new(ReproJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static string RepositoryRoot =>
        typeof(TaskJsonContractTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReproBuild.Tests.RepositoryRoot").Value!;

    public static IEnumerable<object[]> SampleLockFiles =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "samples"), "repro.lock.json", SearchOption.AllDirectories).Select(f => new object[] { Path.GetRelativePath(RepositoryRoot, f) });

    [TestMethod]
    public void The_tasks_use_the_generated_contract()
    {
        Assert.IsInstanceOfType<TaskJsonContract>(ReproJson.Options.TypeInfoResolverChain[0]);
        Assert.IsNotNull(TaskJsonContract.Default.GetTypeInfo(typeof(LockFile)));
    }

    [TestMethod]
    [DynamicData(nameof(SampleLockFiles))]
    public void A_committed_lock_file_reads_and_writes_back_to_its_own_bytes_either_way(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, relativePath)).ReplaceLineEndings("\n");

        var generated = ReproJson.Serialize(ReproJson.Deserialize<LockFile>(text));
        var reflected = JsonSerializer.Serialize(JsonSerializer.Deserialize<LockFile>(text, ReflectionOnly), ReflectionOnly) + "\n";

        Assert.AreEqual(text, generated);
        Assert.AreEqual(reflected, generated);
    }

    [TestMethod]
    public void The_files_under_obj_are_written_alike()
    {
        var inputs = IntermediateFiles.Inputs("M", new DatasetReference("data", "d5"), seed: 3, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["NumberOfTrees"] = "5" });
        var result = IntermediateFiles.Result("M", "abc", metrics: [("AreaUnderRocCurve", 0.9), ("LogLoss", null), ("F1Score", double.NaN)]);
        var summary = new DatasetSummary("data", "d5", 100, 10, ';', false, []);
        var lastBuild = new LastBuild(LastBuild.CurrentFormat, "0/2", new(StringComparer.Ordinal) { ["M"] = "trained" }, new(StringComparer.Ordinal));

        AssertAlike(inputs);
        AssertAlike(result);
        AssertAlike(summary);
        AssertAlike(lastBuild);
    }

    private static void AssertAlike<T>(T value)
    {
        var generated = ReproJson.Serialize(value);
        Assert.AreEqual(JsonSerializer.Serialize(value, ReflectionOnly) + "\n", generated, typeof(T).Name);
        Assert.AreEqual(generated, ReproJson.Serialize(ReproJson.Deserialize<T>(generated)), typeof(T).Name);
    }
}
