using System.Text;
using System.Text.Json;
using ReproBuild.Tool.Sweeps;

namespace ReproBuild.Tool.Tests;

/// <summary>reprobuild sweep's logic without a build: the grid, experiment ids, the shard split, the leaderboard and the project-file edit.</summary>
[TestClass]
public sealed class SweepTests : TempFolderTest
{
    private static Experiment Point(string model, string parameters, int? seed = null) =>
        new(model, new SortedDictionary<string, string>(ParameterList.Entries(parameters).ToDictionary(p => p.Name, p => p.Value), StringComparer.Ordinal), seed);

    private static ExperimentResult Result(Experiment experiment, params (string Metric, double? Value)[] metrics) =>
        new(experiment, "trained", "BinaryClassification", metrics.ToDictionary(m => m.Metric, m => m.Value), "ab12") { Seed = experiment.Seed ?? 0 };

    [TestMethod]
    public void TheGridIsEveryCombinationOfOneValuePerParameterAndOneSeedForEachModel()
    {
        var grid = SweepGrid.Parse(["NumberOfTrees=5,10", "LearningRate=0.1,0.2,0.3"], "1,2");
        var experiments = grid.Expand(["Churn", "Fraud"]);

        Assert.HasCount(2 * 3 * 2 * 2, experiments);
        Assert.HasCount(experiments.Count, experiments.Select(e => e.Id).Distinct());
        Assert.AreEqual("Churn", experiments[0].Model);
        Assert.AreEqual("LearningRate=0.1 NumberOfTrees=5", experiments[0].Describe());
        Assert.AreEqual(1, experiments[0].Seed);
        CollectionAssert.AreEquivalent(new[] { "Churn", "Fraud" }, experiments.Select(e => e.Model).Distinct().ToArray());
    }

    [TestMethod]
    public void WithoutSeedsEachCombinationKeepsTheModelsOwnSeed()
    {
        var experiments = SweepGrid.Parse(["NumberOfTrees=5,10"], null).Expand(["Churn"]);

        Assert.HasCount(2, experiments);
        Assert.IsTrue(experiments.All(e => e.Seed is null));
    }

    [TestMethod]
    public void AnExperimentsIdDependsOnModelOverridesAndSeedNotOnTheOrderTheyWereWritten()
    {
        var first = Point("Churn", "NumberOfTrees=5;LearningRate=0.1", 3);
        var reordered = Point("Churn", "LearningRate=0.1;NumberOfTrees=5", 3);

        Assert.AreEqual(first.Id, reordered.Id);
        StringAssert.Matches(first.Id, new System.Text.RegularExpressions.Regex("^Churn-[0-9a-f]{10}$"));
        Assert.AreNotEqual(first.Id, Point("Churn", "NumberOfTrees=5;LearningRate=0.1", 4).Id);
        Assert.AreNotEqual(first.Id, Point("Churn", "NumberOfTrees=5;LearningRate=0.2", 3).Id);
        Assert.AreNotEqual(first.Id, Point("Fraud", "NumberOfTrees=5;LearningRate=0.1", 3).Id);
    }

    [TestMethod]
    public void OverridesReplaceTheModelsValuesInPlaceAndNewOnesAreAppended()
    {
        var experiment = Point("Churn", "numberoftrees=50;Shrinkage=0.5");

        Assert.AreEqual("NumberOfTrees=50;NumberOfLeaves=4;Shrinkage=0.5", experiment.ParametersFor("NumberOfTrees=5; NumberOfLeaves=4"));
        Assert.AreEqual("Broken;Shrinkage=0.5;numberoftrees=50", experiment.ParametersFor("Broken"));
        Assert.AreEqual("Shrinkage=0.5;numberoftrees=50", experiment.ParametersFor(""));
    }

    [TestMethod]
    [DataRow("NumberOfTrees", "Name=a,b,c")]
    [DataRow("=5,10", "Name=a,b,c")]
    [DataRow("NumberOfTrees=5,,10", "non-empty")]
    [DataRow("NumberOfTrees=5;NumberOfLeaves=4", "without ';'")]
    [DataRow("NumberOfTrees=5,5", "twice")]
    public void ABadGridValueIsAnErrorThatNamesIt(string parameter, string expected)
    {
        var error = Assert.Throws<ToolError>(() => SweepGrid.Parse([parameter], null));

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void AParameterGivenTwiceOrASeedThatIsNotANumberIsAnError()
    {
        StringAssert.Contains(Assert.Throws<ToolError>(() => SweepGrid.Parse(["NumberOfTrees=5", "numberoftrees=10"], null)).Message, "given twice");
        StringAssert.Contains(Assert.Throws<ToolError>(() => SweepGrid.Parse([], "1,two")).Message, "'two' is not a whole number");
        StringAssert.Contains(Assert.Throws<ToolError>(() => SweepGrid.Parse([], "1,1")).Message, "twice");
    }

    [TestMethod]
    public void ShardsSplitTheExperimentsIntoDisjointBalancedSharesThatCoverThemAll()
    {
        var experiments = SweepGrid.Parse(["NumberOfTrees=5,10,20", "LearningRate=0.1,0.2,0.3"], null).Expand(["Churn"]);
        var shares = Enumerable.Range(0, 4).Select(i => new Shard(i, 4)).Select(shard =>
        {
            var owners = shard.Deal(experiments.Select(e => Shard.Key("Experiment", e.Id)));
            return experiments.Where(e => owners[Shard.Key("Experiment", e.Id)] == shard.Index).Select(e => e.Id).ToArray();
        }).ToArray();

        CollectionAssert.AreEquivalent(experiments.Select(e => e.Id).ToArray(), shares.SelectMany(s => s).ToArray());
        Assert.IsTrue(shares.All(s => s.Length is 2 or 3), string.Join(" ", shares.Select(s => s.Length)));
        var again = new Shard(0, 4).Deal(experiments.AsEnumerable().Reverse().Select(e => Shard.Key("Experiment", e.Id)));
        CollectionAssert.AreEquivalent(shares[0], experiments.Where(e => again[Shard.Key("Experiment", e.Id)] == 0).Select(e => e.Id).ToArray());
    }

    [TestMethod]
    public void HigherIsBetterForScoresAndLowerForLossesWithTiesById()
    {
        var a = Point("Churn", "NumberOfTrees=5");
        var b = Point("Churn", "NumberOfTrees=10");
        var c = Point("Churn", "NumberOfTrees=20");
        ExperimentResult[] results = [Result(a, ("AreaUnderRocCurve", 0.8), ("LogLoss", 0.3)), Result(b, ("AreaUnderRocCurve", 0.9), ("LogLoss", 0.5)), Result(c, ("AreaUnderRocCurve", 0.8), ("LogLoss", 0.1))];

        var byAuc = Leaderboard.Rank(results, "AreaUnderRocCurve", null);
        var byLoss = Leaderboard.Rank(results, "LogLoss", null);

        Assert.AreEqual(b.Id, byAuc.Winner!.Experiment.Id);
        CollectionAssert.AreEqual(new[] { a.Id, c.Id }.Order(StringComparer.Ordinal).ToArray(), byAuc.Ranked.Skip(1).Select(r => r.Experiment.Id).ToArray());
        CollectionAssert.AreEqual(new[] { c.Id, a.Id, b.Id }, byLoss.Ranked.Select(r => r.Experiment.Id).ToArray());
        Assert.IsFalse(byLoss.HigherIsBetter);
    }

    [TestMethod]
    public void MissingExperimentsAreNotRankedAndTopKeepsTheBest()
    {
        var a = Point("Churn", "NumberOfTrees=5");
        var b = Point("Churn", "NumberOfTrees=10");
        var missing = new ExperimentResult(Point("Churn", "NumberOfTrees=20"), ExperimentResult.Missing, null, new Dictionary<string, double?>(), null);

        var board = Leaderboard.Rank([Result(a, ("Accuracy", 0.7)), Result(b, ("Accuracy", 0.75)), missing], "Accuracy", 1);

        Assert.HasCount(1, board.Ranked);
        Assert.AreEqual(b.Id, board.Ranked[0].Experiment.Id);
        Assert.AreEqual(missing.Experiment.Id, board.Unranked.Single().Experiment.Id);
        StringAssert.Contains(LeaderboardRenderer.Text(board), $"Not in any cache (1): {missing.Experiment.Id}");
    }

    [TestMethod]
    public void TheMetricIsCheckedAgainstTheModelsTasksBeforeAnythingIsBuilt()
    {
        Assert.AreEqual("AreaUnderRocCurve", Leaderboard.ChooseMetric(null, ["BinaryClassification"]));
        Assert.AreEqual("LogLoss", Leaderboard.ChooseMetric("logloss", ["BinaryClassification", "MulticlassClassification"]));
        var error = Assert.Throws<ToolError>(() => Leaderboard.ChooseMetric("RSquared", ["BinaryClassification"]));
        StringAssert.Contains(error.Message, "AreaUnderRocCurve");
    }

    [TestMethod]
    public void TheLeaderboardRendersAsATableMarkdownAndStableJson()
    {
        var winner = Point("Churn", "NumberOfTrees=10", 2);
        var board = Leaderboard.Rank([Result(Point("Churn", "NumberOfTrees=5", 2), ("AreaUnderRocCurve", 0.81)), Result(winner, ("AreaUnderRocCurve", 0.9))], "AreaUnderRocCurve", null);

        var text = LeaderboardRenderer.Text(board).Split('\n');
        StringAssert.StartsWith(text[0], "Rank  Experiment");
        StringAssert.Contains(text[2], winner.Id);
        StringAssert.Contains(text[2], "NumberOfTrees=10");
        StringAssert.Contains(text[2], "0.9");

        var markdown = LeaderboardRenderer.Markdown(board, "Models");
        StringAssert.Contains(markdown, "### Sweep of Models: AreaUnderRocCurve (higher is better)");
        StringAssert.Contains(markdown, $"| 1 | `{winner.Id}` | Churn | NumberOfTrees=10 | 2 | 0.9 | trained |");

        using var json = JsonDocument.Parse(LeaderboardRenderer.Json(board));
        Assert.AreEqual("AreaUnderRocCurve", json.RootElement.GetProperty("metric").GetString());
        Assert.IsTrue(json.RootElement.GetProperty("higherIsBetter").GetBoolean());
        var first = json.RootElement.GetProperty("experiments")[0];
        Assert.AreEqual(1, first.GetProperty("rank").GetInt32());
        Assert.AreEqual(winner.Id, first.GetProperty("id").GetString());
        Assert.AreEqual("10", first.GetProperty("overrides").GetProperty("NumberOfTrees").GetString());
        Assert.AreEqual(0.9, first.GetProperty("metrics").GetProperty("AreaUnderRocCurve").GetDouble());
        Assert.AreEqual(0, json.RootElement.GetProperty("unranked").GetArrayLength());
    }

    private const string Project = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Models: keep the two apart -->
          <ItemGroup>
            <Model   Include="Churn" Dataset="customers"
                     Parameters="NumberOfTrees=5" Seed="1" />
            <Model Include="Fraud" Dataset="payments">
              <Parameters>NumberOfTrees=7</Parameters>
            </Model>
          </ItemGroup>
        </Project>

        """;

    [TestMethod]
    public void ApplyingChangesOnlyTheModelsMetadataAndKeepsTheRestOfTheFile()
    {
        var edited = ProjectFileEditor.Edit(Project, "Churn", new Dictionary<string, string> { ["Parameters"] = "NumberOfTrees=50", ["Seed"] = "3" }, "Models.csproj");

        Assert.AreEqual(Project.Replace("Parameters=\"NumberOfTrees=5\" Seed=\"1\"", "Parameters=\"NumberOfTrees=50\" Seed=\"3\"", StringComparison.Ordinal), edited);
    }

    [TestMethod]
    public void MetadataWrittenAsAChildElementIsChangedThereAndMissingMetadataBecomesAnAttribute()
    {
        var edited = ProjectFileEditor.Edit(Project, "fraud", new Dictionary<string, string> { ["Parameters"] = "NumberOfTrees=70", ["Seed"] = "2" }, "Models.csproj");

        StringAssert.Contains(edited, """<Model Include="Fraud" Dataset="payments" Seed="2">""");
        StringAssert.Contains(edited, "<Parameters>NumberOfTrees=70</Parameters>");
        StringAssert.Contains(edited, """Parameters="NumberOfTrees=5" Seed="1" />""");
    }

    [TestMethod]
    public void ACrlfFileWithAByteOrderMarkKeepsBoth()
    {
        var file = Temp.File("Models.csproj");
        var crlf = Project.Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllText(file, crlf, new UTF8Encoding(true));

        ProjectFileEditor.Apply(file, "Churn", new Dictionary<string, string> { ["Parameters"] = "NumberOfTrees=50" });

        var bytes = File.ReadAllBytes(file);
        CollectionAssert.AreEqual(new UTF8Encoding(true).GetPreamble(), bytes[..3]);
        Assert.AreEqual(crlf.Replace("NumberOfTrees=5\"", "NumberOfTrees=50\"", StringComparison.Ordinal), Encoding.UTF8.GetString(bytes[3..]));
    }

    [TestMethod]
    public void AModelTheFileDoesNotDeclareIsAnErrorThatSaysWhatToSet()
    {
        var error = Assert.Throws<ToolError>(() => ProjectFileEditor.Edit(Project, "Iris", new Dictionary<string, string> { ["Parameters"] = "NumberOfTrees=50" }, "Models.csproj"));

        StringAssert.Contains(error.Message, "Parameters=\"NumberOfTrees=50\"");
    }
}
