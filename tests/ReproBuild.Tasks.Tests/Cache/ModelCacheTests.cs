using System.Text;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

/// <summary>The model cache over a local folder and a folder remote: round trips, and every way an entry can be wrong.</summary>
[TestClass]
public sealed class ModelCacheTests
{
    private const string Fingerprint = "0ee3023ad89c2f77ba0cc795c092e013a0bde89edbf0021b29400ae1c8689c0e";

    private TempFolder _temp = null!;
    private RecordingBuildEngine _engine = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _temp = new TempFolder();
        _engine = new RecordingBuildEngine();
    }

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    private ModelCache Cache(string? local, string? remote) =>
        new(local is null ? null : new CacheFolder(_temp.File(local)), remote is null ? null : new FolderRemote(_temp.File(remote)), new TaskLoggingHelper(_engine, "test"), "/work/App/App.csproj");

    private string TrainedOutputs(string folder = "trained/Churn")
    {
        _temp.Write($"{folder}/{ModelOutputFiles.Model}", "model bytes");
        _temp.Write($"{folder}/{ModelOutputFiles.Result}", "{\"sha256\":\"...\"}");
        _temp.Write($"{folder}/{ModelOutputFiles.Provenance}", "{}");
        return _temp.File(folder);
    }

    private static string Sha(string text) => Sha256Digest.Of(Encoding.UTF8.GetBytes(text));

    [TestMethod]
    public void AStoredModelIsRestoredWholeIntoAFreshFolder()
    {
        Cache("cache", null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);

        var restored = Cache("cache", null).Restore("Churn", Fingerprint, _temp.File("obj/Churn"), CancellationToken.None);

        Assert.IsNotNull(restored, _engine.Log);
        Assert.AreEqual(Sha("model bytes"), restored.Value.Record.Sha256);
        CollectionAssert.AreEquivalent(new[] { ModelOutputFiles.Model, ModelOutputFiles.Provenance, ModelOutputFiles.Result }, Directory.GetFiles(_temp.File("obj/Churn")).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("model bytes", File.ReadAllText(_temp.File($"obj/Churn/{ModelOutputFiles.Model}")));
        Assert.IsFalse(Directory.Exists(_temp.File("obj/Churn.staging")));
        Assert.IsNull(Cache("cache", null).Restore("Churn", new string('1', 64), _temp.File("obj/Other"), CancellationToken.None), "Another fingerprint is a miss.");
    }

    [TestMethod]
    public void ADamagedEntryIsAWarningAndAMissAndIsRemoved()
    {
        Cache("cache", null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        File.WriteAllText(_temp.File($"cache/cas/{Sha("model bytes")}"), "bit rot");

        Assert.IsNull(Cache("cache", null).Restore("Churn", Fingerprint, _temp.File("obj/Churn"), CancellationToken.None));

        Assert.AreEqual("RB4004", _engine.Warnings.Single().Code);
        Assert.IsFalse(File.Exists(_temp.File($"cache/cas/{Sha("model bytes")}")));
        Assert.IsFalse(File.Exists(_temp.File($"cache/ac/{Fingerprint}")));
        Assert.IsFalse(Directory.Exists(_temp.File("obj/Churn")));
    }

    [TestMethod]
    public void TheRemoteFillsTheLocalCacheAndAPushLandsThere()
    {
        Cache(null, "remote").Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        Assert.IsTrue(File.Exists(_temp.File($"remote/ac/{Fingerprint}")));

        var restored = Cache("cache", "remote").Restore("Churn", Fingerprint, _temp.File("obj/Churn"), CancellationToken.None);

        Assert.IsNotNull(restored, _engine.Log);
        StringAssert.StartsWith(restored.Value.From, "the remote cache");
        Assert.AreEqual("model bytes", File.ReadAllText(_temp.File($"cache/cas/{Sha("model bytes")}")));
        Assert.IsNotNull(Cache("cache", null).Restore("Churn", Fingerprint, _temp.File("obj/Again"), CancellationToken.None), "What came from the remote was not kept locally.");
    }

    [TestMethod]
    public void GarbageFromTheRemoteIsAWarningAndNeverReachesTheLocalCache()
    {
        Cache(null, "remote").Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        File.WriteAllText(_temp.File($"remote/cas/{Sha("model bytes")}"), "garbage");

        Assert.IsNull(Cache("cache", "remote").Restore("Churn", Fingerprint, _temp.File("obj/Churn"), CancellationToken.None));

        Assert.AreEqual("RB4006", _engine.Warnings.Single().Code);
        Assert.IsFalse(Directory.Exists(_temp.File("cache/cas")) && Directory.EnumerateFiles(_temp.File("cache/cas")).Any(), "Garbage from the remote reached the local cache.");
        Assert.IsFalse(File.Exists(_temp.File($"cache/ac/{Fingerprint}")));
    }

    [TestMethod]
    public void AnUnreachableRemoteIsOneWarningAndAMiss()
    {
        var cache = new ModelCache(null, new FolderRemote(_temp.File("no/such/share")), new TaskLoggingHelper(_engine, "test"), "/work/App/App.csproj");

        Assert.IsNull(cache.Restore("Churn", Fingerprint, _temp.File("obj/Churn"), CancellationToken.None));
        Assert.IsNull(cache.Restore("Iris", Fingerprint, _temp.File("obj/Iris"), CancellationToken.None));

        Assert.AreEqual("RB4005", _engine.Warnings.Single().Code, "A remote that is down should be asked once per build step.");
    }

    [TestMethod]
    public void ARecordFromARemoteMayNotNameFilesOutsideTheModelsFolder()
    {
        var sha = new string('a', 64);
        string Record(string file) => $$$"""{"formatVersion":1,"model":"Churn","fingerprint":"{{{Fingerprint}}}","sha256":"{{{sha}}}","files":{"model.zip":"{{{sha}}}","result.json":"{{{sha}}}","{{{file}}}":"{{{sha}}}"}}""";

        Assert.IsNotNull(ActionRecord.Parse(Encoding.UTF8.GetBytes(Record("metrics.json")), Fingerprint));
        foreach (var file in new[] { "../../.bashrc", "sub/x.json", "..", "C:x" })
        {
            Assert.IsNull(ActionRecord.Parse(Encoding.UTF8.GetBytes(Record(file)), Fingerprint), file);
        }
        Assert.IsNull(ActionRecord.Parse(Encoding.UTF8.GetBytes(Record("metrics.json")), new string('b', 64)), "A record under another fingerprint.");
        Assert.IsNull(ActionRecord.Parse("<html>502</html>"u8.ToArray(), Fingerprint));
    }
}
