using System.Text.Json;
using ReproBuild.Tool.Diff;
using ReproBuild.Tool.Locks;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Tests;

[TestClass]
public sealed class DiffTests
{
    private static RunRecord Run(string reference, string sha, string trees, double auc, double logLoss) =>
        new("Cancer", DateTimeOffset.UnixEpoch, 1, null, null, null, null, sha + "000000000000", "BinaryClassification", "FastTree",
            new(StringComparer.Ordinal) { ["NumberOfLeaves"] = "20", ["NumberOfTrees"] = trees }, 42,
            new(StringComparer.Ordinal) { ["cancer"] = "af399a01" }, 400, 100,
            new(StringComparer.Ordinal) { ["AreaUnderRocCurve"] = auc, ["LogLoss"] = logLoss, ["Entropy"] = null }, "0.1.0", "5.0.1")
        { Reference = reference, Id = $"2026-{reference}" };

    private static Comparison TwoRuns() =>
        Comparison.Of(Snapshot.FromRun(Run("Cancer~1", "8cca1ffe", "100", 0.99, 0.2)), Snapshot.FromRun(Run("Cancer~0", "19d188fe", "200", 0.999, 0.1)));

    [TestMethod]
    public void MetricChangesAreAbsoluteAndRelativeToTheOldMagnitude()
    {
        Assert.AreEqual(0.5, new MetricChange("x", 2, 3).Relative!.Value, 1e-12);
        Assert.AreEqual(1.0, new MetricChange("x", 2, 3).Absolute!.Value, 1e-12);
        Assert.AreEqual(0.5, new MetricChange("x", -2, -1).Relative!.Value, 1e-12, "relative to |old|: a rise is positive for negative values too");
        Assert.IsNull(new MetricChange("x", 0, 1).Relative, "no relative change from zero");
        Assert.AreEqual(1.0, new MetricChange("x", 0, 1).Absolute);
        Assert.IsNull(new MetricChange("x", null, 1).Absolute, "a metric one side lacks has no change");
        Assert.IsFalse(new MetricChange("x", null, null).Changed);
    }

    [TestMethod]
    public void RunsCompareParametersMetricsAndModels()
    {
        var model = TwoRuns().Models.Single();

        Assert.IsFalse(model.SameModel);
        Assert.IsFalse(model.Unchanged);
        CollectionAssert.AreEqual(new[] { "NumberOfTrees" }, model.Parameters.Where(p => p.Changed).Select(p => p.Name).ToArray());
        CollectionAssert.Contains(model.Parameters.Select(p => p.Name).ToArray(), "(Seed)", "the seed is compared as a parameter");
        var logLoss = model.Metrics.Single(m => m.Name == "LogLoss");
        Assert.AreEqual(-0.1, logLoss.Absolute!.Value, 1e-12);
        Assert.AreEqual(-0.5, logLoss.Relative!.Value, 1e-12);
    }

    [TestMethod]
    public void TextMarksChangedParametersAndAlignsNumbers()
    {
        var text = DiffRenderer.Text(TwoRuns());

        StringAssert.Contains(text, "old: Cancer~1 (2026-Cancer~1)");
        StringAssert.Contains(text, "Cancer: model sha256 8cca1ffe -> 19d188fe");
        var trees = text.Split('\n').Single(l => l.Contains("NumberOfTrees", StringComparison.Ordinal));
        StringAssert.StartsWith(trees.TrimStart(), "*", "a changed parameter is marked");
        Assert.IsFalse(text.Split('\n').Single(l => l.Contains("NumberOfLeaves", StringComparison.Ordinal)).TrimStart().StartsWith('*'));
        StringAssert.Contains(text.Split('\n').Single(l => l.TrimStart().StartsWith("LogLoss", StringComparison.Ordinal)), "-50%");
        Assert.IsFalse(text.Split('\n').Any(l => l.EndsWith(' ')), "no trailing spaces");
    }

    [TestMethod]
    public void MarkdownHasOnlyChangedParametersAndRightAlignedNumbers()
    {
        var markdown = DiffRenderer.Markdown(TwoRuns());

        StringAssert.Contains(markdown, "| NumberOfTrees | 100 | 200 |");
        Assert.IsFalse(markdown.Contains("| NumberOfLeaves |", StringComparison.Ordinal), "unchanged parameters are left out of a PR comment");
        StringAssert.Contains(markdown, "|---|---:|---:|---:|---:|");
        StringAssert.Contains(markdown, "| AreaUnderRocCurve | 0.99 | 0.999 | +0.009 | +0.91% |");
        StringAssert.Contains(markdown, "| Entropy | - | - | - | - |", "an undefined metric shows as a dash");
    }

    [TestMethod]
    public void JsonCarriesTheComputedChanges()
    {
        using var json = JsonDocument.Parse(DiffRenderer.Json(TwoRuns()));

        var metric = json.RootElement.GetProperty("models")[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "AreaUnderRocCurve");
        Assert.AreEqual(0.009, metric.GetProperty("absolute").GetDouble(), 1e-12);
        Assert.IsTrue(metric.GetProperty("changed").GetBoolean());
        Assert.AreEqual("8cca1ffe000000000000", json.RootElement.GetProperty("models")[0].GetProperty("oldSha256").GetString());
    }

    [TestMethod]
    public void LockFilesCompareEveryModelAndListTheUnchangedOnes()
    {
        static LockDocument Lock(string trees, string sha) => LockDocument.Parse($$"""
            { "formatVersion": 1,
              "models": {
                "A": { "fingerprint": "f", "sha256": "{{sha}}", "version": "1.0.0", "metrics": { "Accuracy": 0.9 },
                       "inputs": { "trainer": "FastTree", "parameters": { "NumberOfTrees": "{{trees}}" }, "seed": 1, "testFraction": 0.2,
                                   "dataset": { "name": "d", "sha256": "dd" } } },
                "B": { "fingerprint": "g", "sha256": "bb", "version": "1.0.0", "metrics": { "RSquared": 0.5 } } } }
            """, "test");

        var comparison = Comparison.Of(Snapshot.FromLock(Lock("100", "aa"), "HEAD"), Snapshot.FromLock(Lock("200", "cc"), "working"));
        var text = DiffRenderer.Text(comparison);

        StringAssert.Contains(text, "A: model sha256 aa -> cc");
        StringAssert.Contains(text, "Unchanged (same model, parameters and metrics): B");
        Assert.IsFalse(text.Contains("\nB:", StringComparison.Ordinal), "an unchanged model gets no tables");
    }

    [TestMethod]
    public void ABadLockFileNamesItsSource()
    {
        var error = Assert.ThrowsExactly<ToolError>(() => LockDocument.Parse("{ not json", "HEAD~1:repro.lock.json"));
        StringAssert.Contains(error.Message, "HEAD~1:repro.lock.json is not a valid ReproBuild lock file");

        var format = Assert.ThrowsExactly<ToolError>(() => LockDocument.Parse("""{ "formatVersion": 9 }""", "repro.lock.json"));
        StringAssert.Contains(format.Message, "format 9");
    }
}
