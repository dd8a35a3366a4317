using System.Text.Json;
using System.Text.RegularExpressions;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The reprobuild tool on a pipeline with stages, through the packed packages, as a user runs it (a local tool):
/// <c>dag</c> draws a restored project that was never built, <c>status</c> names the stale stage and why after an
/// input or parameter change, and <c>runs</c> lists the stages' runs. The pipeline: a Project stage (a console
/// program that splits raw rows with a seed and a TestFraction parameter), a Command stage (a shell script that adds
/// a column), a dataset from each, and a model.
/// </summary>
[TestClass]
public sealed class StageToolTests
{
    private static InstalledTool s_tool = null!;

    private static string Items(UserProject project, string testFraction) => $"""
        <Stage Include="Prepare" Project="../{PrepareFolder(project)}/Prepare.csproj" Inputs="data/raw/*.csv" Outputs="data/prepared/train.csv;data/prepared/test.csv" Seed="7" Parameters="TestFraction={testFraction}" />
        <Stage Include="Features" Command="sh features.sh" Code="features.sh" Inputs="data/prepared/train.csv" Outputs="data/prepared/train.features.csv" />
        <Dataset Include="data/prepared/train.features.csv" Name="train" Stage="Features" />
        <Dataset Include="data/prepared/test.csv" Name="test" Stage="Prepare" />
        <Model Include="Churn" Dataset="train" Task="BinaryClassification" LabelColumn="label" Ignore="rowsum"
               Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=5;NumberOfLeaves=4" />
        """;

    /// <summary>The stage's program, beside the project: every test's pipeline has its own.</summary>
    private static string PrepareFolder(UserProject project) => Path.GetFileName(project.Directory) + "-prepare";

    // Every row goes to test with probability TestFraction, drawn from REPROBUILD_SEED: the same inputs give the same bytes.
    private const string PrepareProgram = """
        using System.Globalization;
        var fraction = double.Parse(Environment.GetEnvironmentVariable("REPROBUILD_PARAMETER_TestFraction")!, CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Environment.GetEnvironmentVariable("REPROBUILD_SEED")!, CultureInfo.InvariantCulture));
        var outputs = Environment.GetEnvironmentVariable("REPROBUILD_OUTPUTS")!.Split(Path.PathSeparator);
        var train = new List<string>();
        var test = new List<string>();
        string? header = null;
        foreach (var input in Environment.GetEnvironmentVariable("REPROBUILD_INPUTS")!.Split(Path.PathSeparator).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(input);
            header ??= lines[0];
            foreach (var line in lines.Skip(1))
            {
                (random.NextDouble() < fraction ? test : train).Add(line);
            }
        }
        File.WriteAllLines(outputs[0], [header!, .. train]);
        File.WriteAllLines(outputs[1], [header!, .. test]);
        """;

    private const string FeaturesScript = """
        # The sum of the two numeric columns, as a column of its own.
        awk -F, 'NR == 1 { print $0 ",rowsum"; next } { print $0 "," ($1 + $2) }' data/prepared/train.csv > "$REPROBUILD_OUTPUT_DIR/data/prepared/train.features.csv"
        """;

    /// <summary>The tool, installed once for the class from this run's feed, as a local tool in a folder of its own.</summary>
    [ClassInitialize]
    public static void InstallTheTool(TestContext context) => s_tool = InstalledTool.Install("stage-tool");

    private static CommandResult Tool(params string[] arguments) => s_tool.Run(null, arguments);

    private static UserProject NewPipeline(string test)
    {
        var project = UserProject.Create("", test);
        project.WriteProject(Items(project, "0.2"));
        var prepare = Path.Combine(Path.GetDirectoryName(project.Directory)!, PrepareFolder(project));
        Directory.CreateDirectory(prepare);
        File.WriteAllText(Path.Combine(prepare, "Prepare.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(prepare, "Program.cs"), PrepareProgram);
        project.WriteFile("features.sh", FeaturesScript);
        project.WriteFile("data/raw/customers.csv", TestData.Binary());
        return project;
    }

    [TestMethod]
    public void DagDrawsAProjectThatWasNeverBuiltAsMermaid()
    {
        var project = NewPipeline(nameof(DagDrawsAProjectThatWasNeverBuiltAsMermaid));
        project.Run("restore").ShouldSucceed();

        var mermaid = Tool("dag", project.Directory, "--mermaid").ShouldSucceed().StandardOutput;

        StringAssert.StartsWith(mermaid, "```mermaid\nflowchart LR\n", mermaid);
        StringAssert.Contains(mermaid, "file1[/\"data/raw/customers.csv\"/]");
        StringAssert.Contains(mermaid, "stage1[[\"Prepare\"]]");
        StringAssert.Contains(mermaid, "stage2[[\"Features\"]]");
        StringAssert.Contains(mermaid, "dataset1[(\"train\")]");
        StringAssert.Contains(mermaid, "model1([\"Churn\"])");
        foreach (var edge in new[] { "file1 --> stage1", "file3 -->|\"code\"| stage2", "dataset1 --> model1" })
        {
            StringAssert.Contains(mermaid, edge, mermaid);
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(project.Directory, "data", "prepared")), "dag runs no stage");
        Assert.IsFalse(Directory.Exists(Path.Combine(project.Directory, "bin")), "dag builds nothing");

        var text = Tool("dag", project.Directory).ShouldSucceed().StandardOutput;
        StringAssert.Matches(text, new Regex(@"Prepare  \(project \.\./[^/]+-prepare/Prepare\.csproj; TestFraction=0\.2; seed 7\)\n    reads   data/raw/customers\.csv\n    writes  data/prepared/train\.csv\n            data/prepared/test\.csv\n"));
        StringAssert.Contains(text, "Features  (command: sh features.sh; seed 0)");
    }

    [TestMethod]
    public void StatusNamesTheStaleStageAndRunsListItsRuns()
    {
        var project = NewPipeline(nameof(StatusNamesTheStaleStageAndRunsListItsRuns));
        // A new project's first restore does not see the stage's ProjectReference yet (the package's targets add it,
        // and restore imports them only once the package is restored), so the program is restored on its own.
        DotNet.Run(Path.Combine(Path.GetDirectoryName(project.Directory)!, PrepareFolder(project)), ["restore"]).ShouldSucceed();
        project.Build().ShouldSucceed();
        Tool("status", project.Directory).ShouldExitWith(0);

        // An input file changes: the stage that reads it, and everything downstream, is stale.
        var raw = Path.Combine(project.Directory, "data", "raw", "customers.csv");
        var original = File.ReadAllText(raw);
        File.WriteAllText(raw, TestData.Binary(seed: 9));
        var changed = Tool("status", project.Directory).ShouldExitWith(1).StandardOutput;
        StringAssert.Matches(changed, new Regex(@"stage\s+Prepare\s+stale\n\s+input 'data/raw/customers\.csv' changed \(sha256 [0-9a-f]{8} -> [0-9a-f]{8}\)\n"), changed);
        StringAssert.Matches(changed, new Regex(@"stage\s+Features\s+stale\n\s+upstream stage 'Prepare' will run\n"), changed);
        StringAssert.Contains(changed, "its data comes from stage 'Features', which will run again");
        Assert.IsLessThan(changed.IndexOf("dataset ", StringComparison.Ordinal), changed.IndexOf("stage ", StringComparison.Ordinal), "stages come first");
        File.WriteAllText(raw, original);
        Tool("status", project.Directory).ShouldExitWith(0);

        // A parameter changes.
        project.WriteProject(Items(project, "0.3"));
        var parameter = Tool("status", project.Directory, "--json").ShouldExitWith(1).StandardOutput;
        using (var json = JsonDocument.Parse(parameter))
        {
            var prepare = json.RootElement.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Stage" && e.GetProperty("name").GetString() == "Prepare");
            Assert.IsTrue(prepare.GetProperty("stale").GetBoolean());
            Assert.AreEqual("parameter TestFraction: 0.2 -> 0.3", prepare.GetProperty("reasons")[0].GetString());
        }

        project.Build().ShouldSucceed();
        Tool("status", project.Directory).ShouldExitWith(0);
        var runs = Tool("runs", project.Directory, "--stage", "Prepare").ShouldSucceed().StandardOutput;
        StringAssert.Contains(runs, $"Prepare (stage, project ../{PrepareFolder(project)}/Prepare.csproj)");
        StringAssert.Matches(runs, new Regex(@"Prepare~1 .* TestFraction=0\.2 +7 +[0-9a-f]{8}  data/raw/customers\.csv@[0-9a-f]{8}  data/prepared/test\.csv@[0-9a-f]{8} data/prepared/train\.csv@[0-9a-f]{8}"), runs);
        StringAssert.Matches(runs, new Regex(@"Prepare~0 .* TestFraction=0\.3 "), runs);
        Assert.IsFalse(runs.Contains("Churn", StringComparison.Ordinal), "--stage shows only that stage");
        var all = Tool("runs", project.Directory).ShouldSucceed().StandardOutput;
        Assert.IsLessThan(all.IndexOf("Features (stage, command: sh features.sh)", StringComparison.Ordinal), all.IndexOf("Churn (BinaryClassification)", StringComparison.Ordinal), "stages come after the models");
    }
}
