using ReproBuild.Tool.Dag;
using ReproBuild.Tool.Projects;

namespace ReproBuild.Tool.Tests;

/// <summary>
/// <c>reprobuild dag</c>'s graph and its renderings, from items as <c>ReproBuildGetPipeline</c> returns them: the
/// text a terminal shows, and Mermaid that GitHub renders — whatever the names, paths and commands hold.
/// </summary>
[TestClass]
public sealed class DagTests
{
    private static TargetItem Item(string name, params (string Key, string Value)[] metadata) =>
        new(name, metadata.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));

    private static readonly TargetItem[] Pipeline =
    [
        Item("Prepare", ("Kind", "Stage"), ("StageKind", "project"), ("Program", "../Wine.Prepare/Wine.Prepare.csproj"),
            ("Inputs", "data/raw/red.csv\ndata/raw/white.csv"), ("Outputs", "data/prepared/train.csv\ndata/prepared/test.csv"),
            ("Parameters", "TestFraction=0.2"), ("Seed", "7"), ("Upstream", "")),
        Item("Features", ("Kind", "Stage"), ("StageKind", "command"), ("Program", "python3 \"features.py\" --mode <fast>"),
            ("Inputs", "data/prepared/train.csv"), ("Code", "features.py"), ("Outputs", "data/prepared/train.features.csv"),
            ("Seed", "0"), ("Upstream", "Prepare")),
        Item("train", ("Kind", "Dataset"), ("File", "data/prepared/train.features.csv"), ("Stage", "Features")),
        Item("test", ("Kind", "Dataset"), ("File", "data/prepared/test.csv"), ("Stage", "Prepare")),
        Item("Quality", ("Kind", "Model"), ("Task", "Regression"), ("Trainer", "FastTree"), ("Dataset", "train"), ("TestDataset", "test")),
    ];

    private static readonly (string, TargetItem)[] Gates =
    [
        ("Wine.Tests", Item("Quality", ("Metric", "RSquared"), ("Minimum", "0.5"))),
        ("Wine.Tests", Item("Quality", ("Metric", "RootMeanSquaredError"), ("MaxRise", "0.05"), ("Dataset", "data/holdout \"2026\".csv"))),
    ];

    private static PipelineGraph Graph() => PipelineGraph.From("Wine.csproj", Pipeline, Gates);

    [TestMethod]
    public void TheTextListsEachStageDatasetAndModelWithWhatItReadsAndFeeds()
    {
        Assert.AreEqual("""
            Pipeline of Wine.csproj: 2 stages, 2 datasets, 1 model, 2 metric gates

            Stages, in run order:
              Prepare  (project ../Wine.Prepare/Wine.Prepare.csproj; TestFraction=0.2; seed 7)
                reads   data/raw/red.csv
                        data/raw/white.csv
                writes  data/prepared/train.csv
                        data/prepared/test.csv
              Features  (command: python3 "features.py" --mode <fast>; seed 0)
                after   Prepare
                reads   data/prepared/train.csv
                code    features.py
                writes  data/prepared/train.features.csv

            Datasets:
              train  (data/prepared/train.features.csv)
                written by  stage Features
                used by     Quality
              test  (data/prepared/test.csv)
                written by  stage Prepare
                used by     Quality (test)

            Models:
              Quality  (Regression, FastTree)
                trains on  train
                tests on   test
                gates      RSquared >= 0.5 (Wine.Tests)
                           RootMeanSquaredError rises at most 0.05 on data/holdout "2026".csv (Wine.Tests)

            """.Replace("\r\n", "\n", StringComparison.Ordinal), DagRenderer.Text(Graph()));
    }

    [TestMethod]
    public void MermaidIsAFlowchartWithSafeIdsAndQuotedLabels()
    {
        var mermaid = DagRenderer.Mermaid(Graph());

        StringAssert.StartsWith(mermaid, "```mermaid\nflowchart LR\n");
        Assert.IsTrue(mermaid.EndsWith("```\n", StringComparison.Ordinal), mermaid);
        // Shapes per kind; ids are the kind and a number, whatever the name.
        StringAssert.Contains(mermaid, "  file1[/\"data/raw/red.csv\"/]\n");
        StringAssert.Contains(mermaid, "  stage1[[\"Prepare\"]]\n");
        StringAssert.Contains(mermaid, "  dataset2[(\"test\")]\n");
        StringAssert.Contains(mermaid, "  model1([\"Quality\"])\n");
        // What Mermaid would read as syntax stays text: quotes, angle brackets, '#'.
        StringAssert.Contains(mermaid, "  gate1{{\"RSquared #gt;= 0.5\"}}\n");
        StringAssert.Contains(mermaid, "  gate2{{\"RootMeanSquaredError rises at most 0.05 on data/holdout #quot;2026#quot;.csv\"}}\n");
        foreach (var edge in new[] { "file1 --> stage1", "stage1 --> file3", "file3 --> stage2", "file4 -->|\"code\"| stage2", "dataset2 -->|\"test\"| model1", "model1 --> gate2" })
        {
            StringAssert.Contains(mermaid, $"  {edge}\n", mermaid);
        }
        StringAssert.Contains(mermaid, "  class stage1,stage2 stageNode\n");
        // Every line inside the block is a node, an edge or a style: no raw name leaks into the syntax.
        foreach (var line in mermaid.Split('\n').Skip(2).Where(l => l.Length > 0 && l != "```"))
        {
            StringAssert.Matches(line, new System.Text.RegularExpressions.Regex(@"^  ([a-z]+\d+(\[|\(|\{| -->)|classDef |class )"), line);
        }
    }

    [TestMethod]
    public void QuotingTurnsMermaidSyntaxIntoEntityCodes()
    {
        Assert.AreEqual("\"a #quot;b#quot; #lt;c#gt; #35;1 #amp; d e\"", DagRenderer.Quote("a \"b\" <c> #1 & d\ne"));
    }

    [TestMethod]
    public void AGateOnAModelTheProjectDoesNotDeclareIsAnError()
    {
        var error = Assert.ThrowsExactly<ToolError>(() => PipelineGraph.From("Wine.csproj", Pipeline, [("Wine.Tests", Item("Price", ("Metric", "RSquared"), ("Minimum", "0.5")))]));
        StringAssert.Contains(error.Message, "MetricGate on model 'Price', which Wine.csproj does not declare (its models: Quality)");
    }

    [TestMethod]
    public void JsonHasEveryNodeAndEdge()
    {
        using var json = System.Text.Json.JsonDocument.Parse(DagRenderer.Json(Graph()));
        Assert.AreEqual(6 + 2 + 2 + 1 + 2, json.RootElement.GetProperty("nodes").GetArrayLength(), "6 files, 2 stages, 2 datasets, 1 model, 2 gates");
        var edges = json.RootElement.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from").GetString()}>{e.GetProperty("to").GetString()}").ToArray();
        CollectionAssert.Contains(edges, "stage2>file6");
        CollectionAssert.Contains(edges, "file6>dataset1");
    }
}
