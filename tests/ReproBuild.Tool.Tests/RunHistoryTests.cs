using ReproBuild.Tool.Commands;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Tests;

[TestClass]
public sealed class RunHistoryTests : TempFolderTest
{
    // The engine's run record format (src/ReproBuild.Engine/Outputs/RunRecord.cs), as it writes it.
    private void Record(string model, string started, string sha, string trees, double auc) =>
        Temp.Write($"runs/{started.Replace(":", "", StringComparison.Ordinal)}-{model}-{sha}.json", $$"""
            {
              "model": "{{model}}",
              "startedAt": "{{started}}",
              "durationSeconds": 2.5,
              "machine": "vm",
              "operatingSystem": "Debian",
              "gitCommit": "67924426deadbeef",
              "fingerprint": "e4b3",
              "sha256": "{{sha}}00000000",
              "task": "BinaryClassification",
              "trainer": "FastTree",
              "parameters": { "NumberOfTrees": "{{trees}}" },
              "seed": 42,
              "datasets": { "cancer": "af39" },
              "trainRows": 461,
              "testRows": 108,
              "metrics": { "AreaUnderRocCurve": {{auc}}, "Accuracy": 0.96, "F1Score": null },
              "engineVersion": "0.1.0",
              "microsoftMLVersion": "5.0.1"
            }
            """);

    private RunHistory ThreeRuns()
    {
        Record("Cancer", "2026-01-02T10:00:00+00:00", "bbbbbbbb", "200", 0.99);
        Record("Cancer", "2026-01-01T10:00:00+00:00", "aaaaaaaa", "100", 0.98);
        Record("Iris", "2026-01-01T11:00:00+00:00", "cccccccc", "0", 1);
        return RunHistory.Load(Temp.File("runs"));
    }

    [TestMethod]
    public void RunsAreOldestFirstAndNumberedBackFromEachModelsLatest()
    {
        var history = ThreeRuns();

        CollectionAssert.AreEqual(new[] { "Cancer~1", "Iris~0", "Cancer~0" }, history.Runs.Select(r => r.Reference).ToArray());
        Assert.AreEqual("100", history.Find("Cancer~1")!.Parameters!["NumberOfTrees"]);
        Assert.AreEqual("100", history.Find("cancer~1")!.Parameters!["NumberOfTrees"], "model names are matched as MSBuild matches item names");
        Assert.AreEqual("Cancer~1", history.Previous(history.Find("Cancer~0")!)!.Reference);
    }

    [TestMethod]
    public void ARunIsFoundByItsIdOrAUniqueStart()
    {
        var history = ThreeRuns();

        Assert.AreEqual("Cancer~0", history.Find("2026-01-02T100000+0000-Cancer-bbbbbbbb.json")!.Reference);
        Assert.AreEqual("Cancer~0", history.Find("2026-01-02")!.Reference);
        Assert.IsNull(history.Find("HEAD~1"), "what names no run may be a git revision");
        var ambiguous = Assert.ThrowsExactly<ToolError>(() => history.Find("2026-01-01"));
        StringAssert.Contains(ambiguous.Message, "matches 2 runs");
    }

    [TestMethod]
    public void AFileThatIsNotARunRecordIsSkippedByName()
    {
        ThreeRuns();
        var broken = Temp.Write("runs/broken.json", "{ \"model\": ");

        var history = RunHistory.Load(Temp.File("runs"));

        Assert.HasCount(3, history.Runs);
        StringAssert.StartsWith(history.Skipped.Single(), broken);
        StringAssert.Contains(history.Skipped.Single(), "Delete it or move it out");
    }

    [TestMethod]
    public void TheTableHasOneSectionPerModelWithItsTasksMetrics()
    {
        var text = RunsCommand.Render(ThreeRuns().Runs);

        StringAssert.Contains(text, "Cancer (BinaryClassification)");
        var header = text.Split('\n')[1];
        StringAssert.Contains(header, "AreaUnderRocCurve");
        StringAssert.Contains(header, "Commit");
        var latest = text.Split('\n').Single(l => l.TrimStart().StartsWith("Cancer~0", StringComparison.Ordinal));
        StringAssert.Contains(latest, "NumberOfTrees=200 Seed=42");
        StringAssert.Contains(latest, "bbbbbbbb");
        StringAssert.Contains(latest, "67924426");
        StringAssert.Contains(latest, "2026-01-02 10:00:00");
        Assert.AreEqual(header.IndexOf("Accuracy", StringComparison.Ordinal) + "Accuracy".Length, latest.IndexOf("0.96", StringComparison.Ordinal) + "0.96".Length, "numbers are right-aligned under their header");
    }
}
