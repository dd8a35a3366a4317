using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// The ReproBuildStatus target's task: after the build's own tasks ran (hash, inspect, fingerprint, train), it
/// says what the next build would redo and why, and writes nothing.
/// </summary>
[TestClass]
public sealed class ComputeStatusTests : TempFolderTest
{
    private string _project = null!;
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _project = Temp.Write("App.csproj", "<Project />");
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
        Temp.Write("data/cancer.csv", "x,diagnosis\n1,yes\n2,no\n");
    }

    private TaskItem DatasetItem()
    {
        var item = new TaskItem(Temp.File("data/cancer.csv"));
        return item;
    }

    private static TaskItem ModelItem(string parameters = "NumberOfTrees=100")
    {
        var item = new TaskItem("Cancer");
        item.SetMetadata("Dataset", "cancer");
        item.SetMetadata("Task", "BinaryClassification");
        item.SetMetadata("LabelColumn", "diagnosis");
        item.SetMetadata("Parameters", parameters);
        return item;
    }

    /// <summary>What a successful build leaves: input documents, the dataset summary, the model, and the lock file.</summary>
    private void Build(TaskItem model)
    {
        var engine = new RecordingBuildEngine(_project);
        var hash = new HashDatasets { BuildEngine = engine, Datasets = [DatasetItem()], IntermediateDirectory = _layout.Root, ProjectFile = _project };
        Assert.IsTrue(hash.Execute());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Temp.File("data/cancer.csv"))));
        IntermediateFiles.DatasetSummary(
            _layout.DatasetSummaryFile("cancer"), "cancer", sha256, size: 24, rows: 2, new ColumnSummary("x", ColumnSummary.Number, 0), new ColumnSummary("diagnosis", ColumnSummary.Text, 0));
        var fingerprints = new ComputeModelFingerprints
        {
            BuildEngine = engine, Models = [model], Datasets = hash.HashedDatasets, IntermediateDirectory = _layout.Root, ProjectFile = _project, DefaultVersion = "1.0.0",
        };
        Assert.IsTrue(fingerprints.Execute());
        var fingerprint = fingerprints.FingerprintedModels[0].GetMetadata("Fingerprint");
        IntermediateFiles.TrainedModel(_layout.ModelOutputDirectory("Cancer"), IntermediateFiles.ResultFor("Cancer", fingerprint, "model bytes"), "model bytes");
        Temp.Write("repro.lock.json", $$"""
            { "formatVersion": 1, "datasets": { "cancer": { "sha256": "{{sha256}}", "size": 24, "rows": 2 } },
              "models": { "Cancer": { "fingerprint": "{{fingerprint}}", "sha256": "00", "version": "1.0.0", "metrics": {} } } }
            """);
    }

    private (bool Success, Dictionary<string, ITaskItem> Entries, RecordingBuildEngine Engine) Status(TaskItem model, string cacheDirectory = "", string outputModelsDirectory = "")
    {
        var engine = new RecordingBuildEngine(_project);
        var task = new ComputeStatus
        {
            BuildEngine = engine, Datasets = [DatasetItem()], Models = [model], IntermediateDirectory = _layout.Root,
            ProjectFile = _project, DefaultVersion = "1.0.0", LockFile = Temp.File("repro.lock.json"), CacheDirectory = cacheDirectory, OutputModelsDirectory = outputModelsDirectory,
        };
        var success = task.Execute();
        return (success, task.Entries.ToDictionary(e => $"{e.GetMetadata("Kind")}:{e.ItemSpec}"), engine);
    }

    private static string[] Reasons(ITaskItem entry) => entry.GetMetadata("Reasons").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Dictionary<string, (long, DateTime)> Snapshot() =>
        Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

    [TestMethod]
    public void AfterABuildEverythingIsUpToDateAndNothingIsWritten()
    {
        Build(ModelItem());
        var before = Snapshot();

        var (success, entries, _) = Status(ModelItem());

        Assert.IsTrue(success);
        Assert.HasCount(3, entries);
        Assert.IsTrue(entries.Values.All(e => e.GetMetadata("Stale") == "false"), string.Join("; ", entries.Values.Select(e => e.GetMetadata("Reasons"))));
        CollectionAssert.AreEquivalent(before.ToArray(), Snapshot().ToArray(), "status writes, touches and deletes nothing");
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Evaluation), entries["Model:Cancer"].GetMetadata("EvaluationFile"));
    }

    [TestMethod]
    public void AChangedParameterMakesTheModelStaleAndSaysWhich()
    {
        Build(ModelItem());

        var (success, entries, _) = Status(ModelItem("NumberOfTrees=200;NumberOfLeaves=4"));

        Assert.IsTrue(success);
        Assert.AreEqual("false", entries["Dataset:cancer"].GetMetadata("Stale"));
        CollectionAssert.AreEqual(
            new[] { "parameter NumberOfLeaves added: 4", "parameter NumberOfTrees: 100 -> 200" },
            Reasons(entries["Model:Cancer"]));
    }

    [TestMethod]
    public void AStaleModelTheCacheHoldsIsSaidToBeRestoredNotTrained()
    {
        Build(ModelItem());
        var (_, stale, _) = Status(ModelItem("NumberOfTrees=200"), Temp.File("cache"));
        var fingerprint = stale["Model:Cancer"].GetMetadata("Fingerprint");
        Assert.AreEqual(1, Reasons(stale["Model:Cancer"]).Length, "An empty cache changes nothing.");

        Temp.Write($"cache/ac/{fingerprint}", "{}");
        var (_, cached, _) = Status(ModelItem("NumberOfTrees=200"), Temp.File("cache"));

        StringAssert.Contains(Reasons(cached["Model:Cancer"])[^1], "the next build restores it without training");
    }

    [TestMethod]
    public void AChangedDataFileNamesItsOldAndNewDigests()
    {
        Build(ModelItem());
        var oldSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Temp.File("data/cancer.csv"))));
        Temp.Write("data/cancer.csv", "x,diagnosis\n1,yes\n3,no\n");
        var newSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Temp.File("data/cancer.csv"))));
        var statCache = File.ReadAllText(_layout.StatCacheFile);

        var (_, entries, _) = Status(ModelItem());

        var reason = Reasons(entries["Dataset:cancer"]).Single();
        StringAssert.Contains(reason, Path.Combine("data", "cancer.csv") + " changed");
        StringAssert.Contains(reason, $"sha256 {oldSha[..8]} -> {newSha[..8]}");
        CollectionAssert.AreEqual(new[] { "dataset 'cancer' changed (see above)" }, Reasons(entries["Model:Cancer"]));
        Assert.AreEqual(statCache, File.ReadAllText(_layout.StatCacheFile), "the stat cache is not saved");
    }

    [TestMethod]
    public void ATouchedButEqualFileIsUpToDate()
    {
        Build(ModelItem());
        File.SetLastWriteTimeUtc(Temp.File("data/cancer.csv"), DateTime.UtcNow.AddMinutes(1));

        var (_, entries, _) = Status(ModelItem());

        Assert.AreEqual("false", entries["Dataset:cancer"].GetMetadata("Stale"), entries["Dataset:cancer"].GetMetadata("Reasons"));
    }

    [TestMethod]
    public void AModelThatWasNeverTrainedOrFailedIsStale()
    {
        var (_, never, _) = Status(ModelItem());
        StringAssert.StartsWith(Reasons(never["Dataset:cancer"]).Single(), "never built");

        Build(ModelItem());
        File.Delete(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Model));
        var (_, failed, _) = Status(ModelItem());
        StringAssert.StartsWith(Reasons(failed["Model:Cancer"]).Single(), "its last training did not finish");
    }

    [TestMethod]
    public void OutputsOfOtherInputsUnderObjAreStale()
    {
        Build(ModelItem());
        IntermediateFiles.TrainedModel(_layout.ModelOutputDirectory("Cancer"), IntermediateFiles.ResultFor("Cancer", new string('9', 64), "an orphan's model"), "an orphan's model");

        var (_, entries, _) = Status(ModelItem());

        StringAssert.StartsWith(Reasons(entries["Model:Cancer"]).Single(), "its outputs under obj/ were not produced for its current inputs");
    }

    [TestMethod]
    public void ACopyInTheOutputFolderEditedByHandIsStale()
    {
        Build(ModelItem());
        var copy = Temp.Write("bin/models/Cancer.zip", "edited");
        var (_, entries, _) = Status(ModelItem(), outputModelsDirectory: Temp.File("bin/models"));
        StringAssert.Contains(Reasons(entries["Model:Cancer"]).Single(), $"{copy} differs from the model that was built");

        File.Copy(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Model), copy, overwrite: true);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Model)));
        (_, entries, _) = Status(ModelItem(), outputModelsDirectory: Temp.File("bin/models"));
        Assert.AreEqual("false", entries["Model:Cancer"].GetMetadata("Stale"), Reasons(entries["Model:Cancer"]).FirstOrDefault());
    }

    [TestMethod]
    public void ALockFileFromOtherInputsIsReported()
    {
        Build(ModelItem());
        File.WriteAllText(Temp.File("repro.lock.json"), File.ReadAllText(Temp.File("repro.lock.json")).Replace("\"fingerprint\": \"", "\"fingerprint\": \"ff", StringComparison.Ordinal));

        var (_, entries, _) = Status(ModelItem());

        StringAssert.StartsWith(Reasons(entries["Model:Cancer"]).Single(), "the lock file records fingerprint ff");
    }

    [TestMethod]
    public void ItemProblemsAreTheBuildsErrors()
    {
        var model = ModelItem();
        model.SetMetadata("Dataset", "nope");

        var (success, _, engine) = Status(model);

        Assert.IsFalse(success);
        StringAssert.Contains(engine.SingleError(ErrorCodes.UnknownDataset).Message, "known datasets: cancer");
    }

    [TestMethod]
    public void InputChangesNameToolVersionsAndSeeds()
    {
        var before = new ModelInputs("M", "Regression", "y", null, [], [], "Sdca", new(StringComparer.Ordinal) { ["A"] = "1" }, 1, 0.2,
            new DatasetReference("d", "aaaaaaaaaa"), null, "0.1.0", "5.0.1");
        var now = before with { Seed = 2, MicrosoftMLVersion = "5.1.0", Parameters = new(StringComparer.Ordinal), Dataset = new DatasetReference("d", "bbbbbbbbbb") };

        CollectionAssert.AreEqual(
            new[] { "parameter A removed (was 1)", "Seed: 1 -> 2", "training dataset 'd' changed: sha256 aaaaaaaa -> bbbbbbbb", "Microsoft.ML version: 5.0.1 -> 5.1.0" },
            InputChanges.Model(before, now));
    }
}
