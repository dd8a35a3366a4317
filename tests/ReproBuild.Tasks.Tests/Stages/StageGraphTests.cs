using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks.Tests.Stages;

/// <summary>The checks on Stage items and between them, and the order they run in, before anything runs.</summary>
[TestClass]
public sealed class StageGraphTests : TempFolderTest
{
    private readonly RecordingBuildEngine _engine = new();

    private string Project => Temp.File("Models");

    private static TaskItem Stage(string name, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(name);
        foreach (var (key, value) in metadata)
        {
            item.SetMetadata(key, value);
        }
        return item;
    }

    private static TaskItem Command(string name, string outputs, string? inputs = null) =>
        inputs is null ? Stage(name, ("Command", "sh run.sh"), ("Outputs", outputs)) : Stage(name, ("Command", "sh run.sh"), ("Outputs", outputs), ("Inputs", inputs));

    /// <summary>Inputs as MSBuild expands them from each stage's metadata: full paths, with the stage's name.</summary>
    private ITaskItem[] InputsOf(IEnumerable<TaskItem> stages) =>
        [.. stages.SelectMany(s => s.GetMetadata("Inputs").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(input =>
        {
            var item = new TaskItem(Path.Combine(Project, input));
            item.SetMetadata("StageName", s.ItemSpec);
            return (ITaskItem)item;
        }))];

    private (StageGraph? Graph, string[] Errors) Build(params TaskItem[] stages)
    {
        Directory.CreateDirectory(Project);
        var problems = new ItemProblems(new TaskLoggingHelper(_engine, "RunStages"), Path.Combine(Project, "Models.csproj"));
        var parsed = StageItem.ParseAll(stages, InputsOf(stages), [], [], Project, problems);
        var graph = problems.ErrorCount == 0 ? StageGraph.Build(parsed, Project, problems) : null;
        return (graph, [.. _engine.Errors.Select(e => $"{e.Code}: {e.Message}")]);
    }

    [TestMethod]
    public void StagesRunUpstreamFirstAndIndependentOnesInDeclarationOrder()
    {
        Temp.Write("Models/raw.csv", "a\n1\n");
        var (graph, errors) = Build(
            Command("Train", "data/model-input.csv", "data/clean.csv;data/extra.csv"),
            Command("Clean", "data/clean.csv", "raw.csv"),
            Command("Extra", "data/extra.csv"),
            Command("Report", "data/report.txt", "raw.csv"));
        CollectionAssert.AreEqual(Array.Empty<string>(), errors);
        CollectionAssert.AreEqual(new[] { "Clean", "Extra", "Train", "Report" }, graph!.Order.Select(s => s.Name).ToArray());
        CollectionAssert.AreEquivalent(new[] { "Clean", "Extra" }, graph.Upstream["Train"].ToArray());
        Assert.AreEqual(0, graph.Upstream["Report"].Count);
        Assert.AreEqual("Clean", graph.Producers[Path.Combine(Project, "data/clean.csv")].Name);
    }

    [TestMethod]
    public void ACycleIsNamedInTheOrderTheDataFlows()
    {
        var (graph, errors) = Build(
            Command("A", "data/a.csv", "data/c.csv"),
            Command("B", "data/b.csv", "data/a.csv"),
            Command("C", "data/c.csv", "data/b.csv"));
        Assert.IsNull(graph);
        Assert.AreEqual("RB1033: The stages form a cycle: A → B → C → A. Each reads what the next one writes, so none can run first.", errors.Single());
    }

    [TestMethod]
    public void AStageThatReadsItsOwnOutputIsACycle()
    {
        var (graph, errors) = Build(Command("Loop", "data/x.csv", "data/x.csv"));
        Assert.IsNull(graph);
        StringAssert.Contains(errors.Single(), "RB1033: The stages form a cycle: Loop → Loop.");
    }

    [TestMethod]
    public void TwoStagesMayNotWriteOneFile()
    {
        var (graph, errors) = Build(Command("A", "data/x.csv"), Command("B", "data/./x.csv"));
        Assert.IsNull(graph);
        Assert.AreEqual("RB1032: Stages 'A' and 'B' both declare the output 'data/x.csv'; a file is written by one stage.", errors.Single());
    }

    [TestMethod]
    public void AnInputThatNoStageWritesMustExist()
    {
        var (graph, errors) = Build(Command("A", "data/x.csv", "data/missing.csv"));
        Assert.IsNull(graph);
        Assert.AreEqual("RB1034: Stage 'A' reads 'data/missing.csv', which does not exist and is not an output of any stage.", errors.Single());
    }

    [TestMethod]
    public void EachStageItemIsCheckedOnItsOwn()
    {
        var (_, errors) = Build(
            Stage("Both", ("Command", "sh x"), ("Project", "x.csproj"), ("Outputs", "a.csv")),
            Stage("Neither", ("Outputs", "b.csv")),
            Command("Outside", "../elsewhere.csv"),
            Command("Wildcard", "data/*.csv"),
            Stage("NoOutputs", ("Command", "sh x")),
            Stage("Seedless", ("Command", "sh x"), ("Outputs", "c.csv"), ("Seed", "seven")),
            Stage("Params", ("Command", "sh x"), ("Outputs", "d.csv"), ("Parameters", "A=1;=2")),
            Stage("NoProject", ("Project", "missing/Missing.csproj"), ("Outputs", "e.csv")),
            Command("Outside", "f.csv"));
        CollectionAssert.AreEqual(
            new[] { "RB1030", "RB1030", "RB1031", "RB1010", "RB1001", "RB1010", "RB1006", "RB1035", "RB1011" },
            errors.Select(e => e[..6]).ToArray(),
            string.Join("\n", errors));
        StringAssert.Contains(errors[2], "declares the output '../elsewhere.csv', which is outside the project folder");
    }
}
