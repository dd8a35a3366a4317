using System.Text;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

/// <summary>The model cache over a local folder and a folder remote: round trips, and every way an entry can be wrong.</summary>
[TestClass]
public sealed class ModelCacheTests : TempFolderTest
{
    private const string Fingerprint = "0ee3023ad89c2f77ba0cc795c092e013a0bde89edbf0021b29400ae1c8689c0e";

    private RecordingBuildEngine _engine = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _engine = new RecordingBuildEngine();
    }

    private ModelCache Cache(string? local, string? remote) =>
        new(local is null ? null : new CacheFolder(Temp.File(local)), remote is null ? null : new FolderRemote(Temp.File(remote)), new TaskLoggingHelper(_engine, "test"), "/work/App/App.csproj");

    private string TrainedOutputs(string folder = "trained/Churn") =>
        IntermediateFiles.TrainedModel(Temp.File(folder), IntermediateFiles.ResultFor("Churn", Fingerprint, "model bytes"), "model bytes");

    private static string Sha(string text) => Sha256Digest.Of(Encoding.UTF8.GetBytes(text));

    [TestMethod]
    public void AStoredModelIsRestoredWholeIntoAFreshFolder()
    {
        Cache("cache", null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);

        var restored = Cache("cache", null).Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None);

        Assert.IsNotNull(restored, _engine.Log);
        Assert.AreEqual(Sha("model bytes"), restored.Value.Record.Sha256);
        CollectionAssert.AreEquivalent(new[] { ModelOutputFiles.Model, ModelOutputFiles.Metrics, ModelOutputFiles.Provenance, ModelOutputFiles.Result, ModelOutputFiles.Reference }, Directory.GetFiles(Temp.File("obj/Churn")).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("model bytes", File.ReadAllText(Temp.File($"obj/Churn/{ModelOutputFiles.Model}")));
        CollectionAssert.AreEqual(new[] { Temp.File("obj/Churn") }, Directory.GetDirectories(Temp.File("obj")), "A staging folder was left behind.");
        Assert.IsNull(Cache("cache", null).Restore("Churn", new string('1', 64), Temp.File("obj/Other"), CancellationToken.None), "Another fingerprint is a miss.");
    }

    [TestMethod]
    public void ADamagedEntryIsAWarningAndAMissAndIsRemoved()
    {
        Cache("cache", null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        File.WriteAllText(Temp.File($"cache/cas/{Sha("model bytes")}"), "bit rot");

        Assert.IsNull(Cache("cache", null).Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None));

        Assert.AreEqual("RB4004", _engine.Warnings.Single().Code);
        Assert.IsFalse(File.Exists(Temp.File($"cache/cas/{Sha("model bytes")}")));
        Assert.IsFalse(File.Exists(Temp.File($"cache/ac/{Fingerprint}")));
        Assert.IsFalse(Directory.Exists(Temp.File("obj/Churn")));
    }

    [TestMethod]
    public void TheRemoteFillsTheLocalCacheAndAPushLandsThere()
    {
        Cache(null, "remote").Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        Assert.IsTrue(File.Exists(Temp.File($"remote/ac/{Fingerprint}")));

        var restored = Cache("cache", "remote").Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None);

        Assert.IsNotNull(restored, _engine.Log);
        StringAssert.StartsWith(restored.Value.From, "the remote cache");
        Assert.AreEqual("model bytes", File.ReadAllText(Temp.File($"cache/cas/{Sha("model bytes")}")));
        Assert.IsNotNull(Cache("cache", null).Restore("Churn", Fingerprint, Temp.File("obj/Again"), CancellationToken.None), "What came from the remote was not kept locally.");
    }

    [TestMethod]
    public void GarbageFromTheRemoteIsAWarningAndNeverReachesTheLocalCache()
    {
        Cache(null, "remote").Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
        File.WriteAllText(Temp.File($"remote/cas/{Sha("model bytes")}"), "garbage");

        Assert.IsNull(Cache("cache", "remote").Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None));

        Assert.AreEqual("RB4006", _engine.Warnings.Single().Code);
        Assert.IsFalse(Directory.Exists(Temp.File("cache/cas")) && Directory.EnumerateFiles(Temp.File("cache/cas")).Any(), "Garbage from the remote reached the local cache.");
        Assert.IsFalse(File.Exists(Temp.File($"cache/ac/{Fingerprint}")));
    }

    [TestMethod]
    public void AnUnreachableRemoteIsOneWarningAndAMiss()
    {
        var cache = new ModelCache(null, new FolderRemote(Temp.File("no/such/share")), new TaskLoggingHelper(_engine, "test"), "/work/App/App.csproj");

        Assert.IsNull(cache.Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None));
        Assert.IsNull(cache.Restore("Iris", Fingerprint, Temp.File("obj/Iris"), CancellationToken.None));

        Assert.AreEqual("RB4005", _engine.Warnings.Single().Code, "A remote that is down should be asked once per build step.");
    }

    [TestMethod]
    public void ARecordThatNamesAnotherModelsValidFilesIsRefusedAndRemoved()
    {
        var other = new string('2', 64);
        Cache("cache", null).Store("Iris", other, IntermediateFiles.TrainedModel(Temp.File("trained/Iris"), IntermediateFiles.ResultFor("Iris", other, "iris bytes"), "iris bytes"), CancellationToken.None);
        // A hand-edited record: every file it names is whole and hashes right, but they are Iris's, from other inputs.
        var record = File.ReadAllText(Temp.File($"cache/ac/{other}")).Replace(other, Fingerprint, StringComparison.Ordinal).Replace("\"Iris\"", "\"Churn\"", StringComparison.Ordinal);
        Temp.Write($"cache/ac/{Fingerprint}", record);

        Assert.IsNull(Cache("cache", null).Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None), _engine.Log);

        Assert.AreEqual("RB4004", _engine.Warnings.Single().Code, _engine.Log);
        StringAssert.Contains(_engine.Warnings.Single().Message, "model 'Iris'");
        Assert.IsFalse(File.Exists(Temp.File($"cache/ac/{Fingerprint}")), "The record was not removed.");
        Assert.IsFalse(Directory.Exists(Temp.File("obj/Churn")), "Refused outputs were placed in obj/.");
    }

    [TestMethod]
    public void OutputsOfOtherInputsAreNeverStored()
    {
        var stale = IntermediateFiles.TrainedModel(Temp.File("trained/Churn"), IntermediateFiles.ResultFor("Churn", new string('3', 64), "old model"), "old model");

        Cache("cache", null).Store("Churn", Fingerprint, stale, CancellationToken.None);

        Assert.AreEqual("RB3009", _engine.Warnings.Single().Code, _engine.Log);
        Assert.IsFalse(File.Exists(Temp.File($"cache/ac/{Fingerprint}")), "The cache recorded a model under a fingerprint it was not trained from.");
    }

    [TestMethod]
    public void TemporaryFilesOfKilledWritersAreRemovedWhenTheCacheIsNextWritten()
    {
        var abandoned = Temp.Write($"cache/cas/.{new string('4', 64)}.0123456789abcdef.tmp", "half");
        var fresh = Temp.Write("cache/tmp/.in-flight.tmp", "another writer, still busy");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - TimeSpan.FromHours(1));

        Cache("cache", null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);

        Assert.IsFalse(File.Exists(abandoned), "An abandoned temporary file stayed in cas/.");
        Assert.IsTrue(File.Exists(fresh), "A temporary file that may still be written was removed.");
        Assert.AreEqual(0, Directory.GetFiles(Temp.File("cache/tmp")).Count(f => f != fresh), "The store left temporary files.");
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

    [TestMethod]
    public void AnEntryAnEarlierReproBuildMadeIsAPlainMissLocallyAndRemotely()
    {
        foreach (var folder in new[] { "cache", "remote" })
        {
            Cache(folder == "cache" ? folder : null, folder == "remote" ? folder : null).Store("Churn", Fingerprint, TrainedOutputs(), CancellationToken.None);
            // Its result as ReproBuild wrote it before results recorded the input columns the typed API needs.
            var result = ReproJson.Serialize(IntermediateFiles.ResultFor("Churn", Fingerprint, "model bytes") with { InputColumns = null, Classes = null });
            File.WriteAllText(Temp.File($"{folder}/cas/{Sha(result)}"), result);
            var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Temp.File($"{folder}/ac/{Fingerprint}")))!;
            record["files"]![ModelOutputFiles.Result] = Sha(result);
            File.WriteAllText(Temp.File($"{folder}/ac/{Fingerprint}"), record.ToJsonString());
        }

        Assert.IsNull(Cache("cache", null).Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None));
        Assert.IsNull(Cache(null, "remote").Restore("Churn", Fingerprint, Temp.File("obj/Churn"), CancellationToken.None));

        Assert.IsEmpty(_engine.Warnings, _engine.Log);
        Assert.IsFalse(File.Exists(Temp.File($"cache/ac/{Fingerprint}")), "The outdated local entry stayed, to be tried again on every build.");
        Assert.IsFalse(Directory.Exists(Temp.File("obj/Churn")));
    }
}
