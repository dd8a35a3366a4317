using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Pipeline stages: the user's own programs — a .NET project the build compiles, or any command — as cached,
/// incremental build steps whose outputs feed models. Each test builds real projects through the packed package.
/// Stage programs append a line to runs.log beside the project each time they run, which is how the tests count runs.
/// </summary>
[TestClass]
public sealed class StageTests
{
    /// <summary>A .NET stage program: splits the raw file by REPROBUILD_SEED into train and test files.</summary>
    private const string PrepareProgram = """
        using System.Globalization;

        var input = Environment.GetEnvironmentVariable("REPROBUILD_INPUTS")!.Split(Path.PathSeparator)[0];
        var outputs = Environment.GetEnvironmentVariable("REPROBUILD_OUTPUTS")!.Split(Path.PathSeparator);
        var seed = int.Parse(Environment.GetEnvironmentVariable("REPROBUILD_SEED")!, CultureInfo.InvariantCulture);
        File.AppendAllText(Path.Combine(Environment.GetEnvironmentVariable("REPROBUILD_PROJECT_DIR")!, "runs.log"), "Prepare\n");
        var lines = File.ReadAllLines(input);
        var random = new Random(seed);
        var rows = lines.Skip(1).OrderBy(_ => random.Next()).ToArray();
        var cut = rows.Length * 4 / 5;
        File.WriteAllText(outputs[0], string.Join("\n", [lines[0], .. rows[..cut]]) + "\n");
        File.WriteAllText(outputs[1], string.Join("\n", [lines[0], .. rows[cut..]]) + "\n");
        """;

    /// <summary>A Python stage: repeats the training rows Factor times.</summary>
    private const string RepeatScript = """
        import os
        src = os.environ["REPROBUILD_INPUTS"].split(os.pathsep)[0]
        out = os.path.join(os.environ["REPROBUILD_OUTPUT_DIR"], "data/prepared/train.repeated.csv")
        factor = int(os.environ["REPROBUILD_PARAMETER_Factor"])
        with open(os.path.join(os.environ["REPROBUILD_PROJECT_DIR"], "runs.log"), "a") as log:
            log.write("Repeat\n")
        with open(src) as f:
            lines = f.read().splitlines()
        with open(out, "w") as g:
            g.write("\n".join([lines[0]] + lines[1:] * factor) + "\n")
        """;

    private const string PipelineItems = """
        <Stage Include="Prepare" Project="../Prepare/Prepare.csproj" Inputs="data/raw/*.csv" Outputs="data/prepared/train.csv;data/prepared/test.csv" Seed="7" />
        <Stage Include="Repeat" Command="python3 repeat.py" Code="repeat.py" Inputs="data/prepared/train.csv" Outputs="data/prepared/train.repeated.csv" Parameters="Factor=$(Factor)" />
        <Dataset Include="data/prepared/train.repeated.csv" Name="train" />
        <Dataset Include="data/prepared/test.csv" Name="test" Stage="Prepare" />
        <Model Include="Churn" Dataset="train" TestDataset="test" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        """;

    /// <summary>The model project (Models/) beside a .NET stage project (Prepare/), in one folder of their own.</summary>
    private static UserProject Pipeline(string test, string factor = "2")
    {
        var root = PackagedReproBuild.NewFolder(test);
        UserProject.WriteUserSetup(root);
        var project = UserProject.At(Path.Combine(root, "Models"), "Models");
        project.WriteProject(PipelineItems, $"<Factor>{factor}</Factor>");
        project.WriteFile("data/raw/customers.csv", TestData.Binary());
        project.WriteFile("repeat.py", RepeatScript);
        WritePrepare(root, PrepareProgram);
        return project;
    }

    private static void WritePrepare(string root, string program)
    {
        Directory.CreateDirectory(Path.Combine(root, "Prepare"));
        File.WriteAllText(Path.Combine(root, "Prepare", "Prepare.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Prepare", "Program.cs"), program);
    }

    private static string[] Runs(UserProject project)
    {
        var log = Path.Combine(project.Directory, "runs.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    private static void ClearRuns(UserProject project) => File.Delete(Path.Combine(project.Directory, "runs.log"));

    /// <summary>
    /// Builds until the pipeline stamp is in force: a build in which nothing happens writes it, and the next one checks
    /// it instead of running the steps. Every change made after this must get past the stamp.
    /// </summary>
    private static void Settle(UserProject project, params string[] arguments)
    {
        project.Build(arguments).ShouldSucceed();
        var noOp = project.Build([.. arguments, "--no-restore", "-clp:PerformanceSummary"]).ShouldSucceed().Output;
        StringAssert.Contains(noOp, "CheckPipelineStamp");
        Assert.IsFalse(noOp.Contains("RunStages", StringComparison.Ordinal), $"A build after a no-op build ran the stages' step:\n{noOp}");
    }

    [TestMethod]
    public void APipelineRunsOnceFeedsTheModelAndANoOpBuildStartsNothing()
    {
        var project = Pipeline(nameof(APipelineRunsOnceFeedsTheModelAndANoOpBuildStartsNothing));
        var first = project.Build().ShouldSucceed();
        StringAssert.Contains(first.Output, "ReproBuild: ran stage Prepare (../Prepare/Prepare.csproj)");
        StringAssert.Contains(first.Output, "ReproBuild: ran stage Repeat (python3 repeat.py)");
        StringAssert.Contains(first.Output, "ReproBuild: trained Churn");
        CollectionAssert.AreEqual(new[] { "Prepare", "Repeat" }, Runs(project));
        Assert.AreEqual(320, File.ReadAllLines(Path.Combine(project.Directory, "data/prepared/train.repeated.csv")).Length - 1, "160 training rows, repeated twice");

        // The lock file records each stage; the shipped provenance lists the lineage back to the raw file.
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        var stages = lockFile.RootElement.GetProperty("stages");
        Assert.AreEqual(BuildOutputsTests.Sha256(Path.Combine(project.Directory, "data/raw/customers.csv")), stages.GetProperty("Prepare").GetProperty("inputs").GetProperty("data/raw/customers.csv").GetString());
        Assert.AreEqual(BuildOutputsTests.Sha256(Path.Combine(project.Directory, "data/prepared/train.repeated.csv")), stages.GetProperty("Repeat").GetProperty("outputs").GetProperty("data/prepared/train.repeated.csv").GetString());
        Assert.AreEqual("2", stages.GetProperty("Repeat").GetProperty("parameters").GetProperty("Factor").GetString());
        var provenance = Runtime.ModelProvenance.Parse(File.ReadAllText(project.Output("models/Churn.provenance.json")));
        CollectionAssert.AreEqual(new[] { "Prepare", "Repeat" }, provenance.Stages.Select(s => s.Name).ToArray());
        Assert.AreEqual("Repeat", provenance.Datasets.Single(d => d.Role == "train").Stage);
        Assert.AreEqual("data/raw/customers.csv", provenance.Stages[0].Inputs.Single().Path);
        Assert.AreEqual("Prepare", provenance.Stages[1].Inputs.Single().Stage);

        ClearRuns(project);
        var again = project.Build().ShouldSucceed();
        Assert.AreEqual(0, Runs(project).Length, "A build with nothing changed ran a stage.");
        Assert.IsFalse(again.Output.Contains("ReproBuild: ran stage", StringComparison.Ordinal), again.Output);
        Assert.IsFalse(again.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), again.Output);
        Assert.IsFalse(again.Output.Contains("ReproBuild: restored", StringComparison.Ordinal), again.Output);
        project.Build("--no-restore", "-question").ShouldSucceed();

        // -question names a stage that would run, and runs nothing.
        var question = project.Build("--no-restore", "-question", "-p:Factor=3").ShouldFail();
        StringAssert.Contains(question.Errors.First(e => e.Contains("RB4002", StringComparison.Ordinal)), "Stage 'Repeat' is not up to date and would run again.");
        Assert.AreEqual(0, Runs(project).Length);
    }

    [TestMethod]
    public void EachChangeRerunsExactlyWhatDependsOnIt()
    {
        var project = Pipeline(nameof(EachChangeRerunsExactlyWhatDependsOnIt));
        var root = Path.GetDirectoryName(project.Directory)!;
        project.Build().ShouldSucceed();

        // A comment recompiles the program, but the compiled code is the same: nothing runs.
        Settle(project);
        ClearRuns(project);
        WritePrepare(root, "// Splits the raw data.\n\n" + PrepareProgram);
        var commented = project.Build().ShouldSucceed();
        Assert.AreEqual(0, Runs(project).Length, commented.Output);

        // A parameter of the second stage: only it runs, and the model trains on its new output.
        Settle(project);
        ClearRuns(project);
        var parameter = project.Build("-p:Factor=3").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Repeat" }, Runs(project), parameter.Output);
        StringAssert.Contains(parameter.Output, "ReproBuild: trained Churn (FastTree, 480 rows)");

        // The second stage's script: it runs again, and its output is the same, so the model does not train again... except
        // that the script is part of the model's lineage, which its provenance records: the model's inputs changed.
        Settle(project, "-p:Factor=3");
        ClearRuns(project);
        project.WriteFile("repeat.py", RepeatScript + "\n# the same result\n");
        var script = project.Build("-p:Factor=3").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Repeat" }, Runs(project), script.Output);

        // The first stage's code: both run.
        Settle(project, "-p:Factor=3");
        ClearRuns(project);
        WritePrepare(root, PrepareProgram.Replace("rows.Length * 4 / 5", "rows.Length * 3 / 4", StringComparison.Ordinal));
        var code = project.Build("-p:Factor=3").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Prepare", "Repeat" }, Runs(project), code.Output);

        // The raw data: both run.
        Settle(project, "-p:Factor=3");
        ClearRuns(project);
        project.WriteFile("data/raw/customers.csv", TestData.Binary(seed: 9));
        project.Build("-p:Factor=3").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Prepare", "Repeat" }, Runs(project));

        // A new file the first stage's glob matches is a new input: it runs (its program reads only the first file, so
        // its outputs are the same, and the second stage has nothing new to run on).
        Settle(project, "-p:Factor=3");
        ClearRuns(project);
        project.WriteFile("data/raw/more.csv", TestData.Binary(seed: 10));
        var globbed = project.Build("-p:Factor=3").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Prepare" }, Runs(project), globbed.Output);

        // An output edited by hand is not trusted: what the stage made from these inputs comes back (from the cache).
        Settle(project, "-p:Factor=3");
        var repeated = Path.Combine(project.Directory, "data/prepared/train.repeated.csv");
        var made = File.ReadAllText(repeated);
        File.AppendAllText(repeated, "0.5,0.5,1\n");
        var edited = project.Build("-p:Factor=3").ShouldSucceed();
        StringAssert.Contains(edited.Output, "ReproBuild: restored stage Repeat from the cache");
        Assert.AreEqual(made, File.ReadAllText(repeated));
    }

    [TestMethod]
    public void ACleanBuildAndASecondCloneRestoreStageOutputsWithoutRunningThem()
    {
        var project = Pipeline(nameof(ACleanBuildAndASecondCloneRestoreStageOutputsWithoutRunningThem));
        var cache = new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = project.Directory + ".shared-cache" };
        project.Build(cache).ShouldSucceed();
        var train = File.ReadAllBytes(Path.Combine(project.Directory, "data/prepared/train.repeated.csv"));

        ClearRuns(project);
        project.Run("clean").ShouldSucceed();
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "data/prepared/train.csv")), "dotnet clean removes stage outputs: they are build results.");
        var rebuilt = project.Build(cache).ShouldSucceed();
        StringAssert.Contains(rebuilt.Output, "ReproBuild: restored stage Prepare from the cache");
        StringAssert.Contains(rebuilt.Output, "ReproBuild: restored stage Repeat from the cache");
        Assert.AreEqual(0, Runs(project).Length, rebuilt.Output);
        CollectionAssert.AreEqual(train, File.ReadAllBytes(Path.Combine(project.Directory, "data/prepared/train.repeated.csv")));

        // A second clone: the sources only (no obj/, no outputs), the same cache.
        var root = Path.GetDirectoryName(project.Directory)!;
        var cloneRoot = root + "-clone";
        CopySources(root, cloneRoot);
        var clone = UserProject.At(Path.Combine(cloneRoot, "Models"), "Models");
        var cloned = clone.Build(cache).ShouldSucceed();
        StringAssert.Contains(cloned.Output, "ReproBuild: restored stage Prepare from the cache");
        StringAssert.Contains(cloned.Output, "ReproBuild: restored stage Repeat from the cache");
        StringAssert.Contains(cloned.Output, "ReproBuild: restored Churn from the cache");
        Assert.AreEqual(0, Runs(clone).Length, cloned.Output);
        Assert.AreEqual(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")), File.ReadAllText(Path.Combine(clone.Directory, "repro.lock.json")));
    }

    [TestMethod]
    public void LockedModeRefusesAChangedStageAndVerifyModeRerunsEveryStage()
    {
        var project = Pipeline(nameof(LockedModeRefusesAChangedStageAndVerifyModeRerunsEveryStage));
        project.Build().ShouldSucceed();
        var lockFile = Path.Combine(project.Directory, "repro.lock.json");
        var locked = File.ReadAllText(lockFile);

        var refused = project.Build("-p:ReproBuildLockedMode=true", "-p:Factor=3").ShouldFail();
        var error = refused.Errors.Single(e => e.Contains("RB4001", StringComparison.Ordinal));
        StringAssert.Contains(error, "stage 'Repeat' differs from it: parameters.Factor 2 → 3");
        StringAssert.StartsWith(error, lockFile + "(");
        Assert.AreEqual(locked, File.ReadAllText(lockFile), "Locked mode never rewrites the lock file.");

        ClearRuns(project);
        var verified = project.Build("-p:ReproBuildVerify=true").ShouldSucceed();
        CollectionAssert.AreEqual(new[] { "Prepare", "Repeat" }, Runs(project), verified.Output);
        Assert.AreEqual(locked, File.ReadAllText(lockFile));
    }

    [TestMethod]
    public void VerifyModeCatchesANondeterministicStageAndNamesTheOutput()
    {
        var project = UserProject.Create("""
            <Stage Include="Stamp" Command="sh stamp.sh" Code="stamp.sh" Outputs="data/stamp.txt;data/fixed.txt" />
            """);
        project.WriteFile("stamp.sh", "date +%s%N > \"$REPROBUILD_OUTPUT_DIR/data/stamp.txt\"\necho fixed > \"$REPROBUILD_OUTPUT_DIR/data/fixed.txt\"\n");
        project.Build().ShouldSucceed();

        var result = project.Build("-p:ReproBuildVerify=true").ShouldFail();
        var error = result.Errors.Single(e => e.Contains("RB3032", StringComparison.Ordinal));
        StringAssert.StartsWith(error, ElementLocation.Of(project.ProjectFile, "<Stage Include=\"Stamp\""));
        StringAssert.Contains(error, "'data/stamp.txt'");
        Assert.IsFalse(error.Contains("data/fixed.txt", StringComparison.Ordinal), error);
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "data/stamp.txt")), "A stage that did not reproduce keeps no output.");
    }

    [TestMethod]
    public void AFailingStageShowsTheEndOfItsErrorsAtItsElementAndLeavesNoOutput()
    {
        var project = UserProject.Create("""
            <Stage Include="Convert" Command="sh convert.sh" Code="convert.sh" Inputs="data/raw.csv" Outputs="data/converted.csv" />
            <Dataset Include="data/converted.csv" Stage="Convert" />
            """);
        project.WriteFile("data/raw.csv", TestData.Binary());
        project.WriteFile("convert.sh", "cp data/raw.csv \"$REPROBUILD_OUTPUT_DIR/data/converted.csv\"\n");
        project.Build().ShouldSucceed();

        // A new version fails half-way through writing: the old output must not survive as if it were current.
        project.WriteFile("convert.sh", "echo partial > \"$REPROBUILD_OUTPUT_DIR/data/converted.csv\"\necho 'reading row 17' >&2\necho 'ValueError: could not convert' >&2\nexit 3\n");
        var failed = project.Build().ShouldFail();
        failed.ShouldHaveNoStackTrace();
        var error = failed.Errors.First(e => e.Contains("RB3030", StringComparison.Ordinal));
        StringAssert.StartsWith(error, ElementLocation.Of(project.ProjectFile, "<Stage Include=\"Convert\""));
        StringAssert.Contains(error, "Stage 'Convert' failed: 'sh convert.sh' exited with code 3");
        StringAssert.Contains(failed.Output, "ValueError: could not convert");
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "data/converted.csv")), "A failed stage left an output.");

        project.WriteFile("convert.sh", "cp data/raw.csv \"$REPROBUILD_OUTPUT_DIR/data/converted.csv\"\n");
        project.Build().ShouldSucceed();
        Assert.IsTrue(File.Exists(Path.Combine(project.Directory, "data/converted.csv")));
    }

    [TestMethod]
    public void AProgramThatWritesInPlaceOrSkipsAnOutputFailsTheStage()
    {
        var project = UserProject.Create("""
            <Stage Include="Sloppy" Command="sh sloppy.sh" Code="sloppy.sh" Outputs="data/a.csv;data/b.csv" />
            """);
        project.WriteFile("sloppy.sh", "mkdir -p data\necho x > data/a.csv\n");
        var failed = project.Build().ShouldFail();
        var error = failed.Errors.Single(e => e.Contains("RB3031", StringComparison.Ordinal));
        StringAssert.StartsWith(error, ElementLocation.Of(project.ProjectFile, "<Stage Include=\"Sloppy\""));
        StringAssert.Contains(error, "did not write 'data/a.csv', 'data/b.csv'");
        StringAssert.Contains(error, "It wrote 'data/a.csv' in place instead");
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "data/a.csv")), "An output written in place is not kept.");
    }

    [TestMethod]
    public void ProblemsBetweenStagesAreErrorsAtTheirElementsBeforeAnythingRuns()
    {
        var project = UserProject.Create("""
            <Stage Include="A" Command="sh run.sh" Inputs="data/b.csv" Outputs="data/a.csv" />
            <Stage Include="B" Command="sh run.sh" Inputs="data/a.csv" Outputs="data/b.csv" />
            """);
        project.WriteFile("run.sh", "echo ran >> runs.log\n");

        var cycle = project.Build().ShouldFail();
        var error = cycle.Errors.Single(e => e.Contains("RB1033", StringComparison.Ordinal));
        StringAssert.Contains(error, "The stages form a cycle: ");
        StringAssert.Contains(error, "A → B → A");
        StringAssert.StartsWith(error, ElementLocation.Of(project.ProjectFile, "<Stage Include=\"A\""));

        project.WriteProject("""
            <Stage Include="A" Command="sh run.sh" Outputs="data/a.csv" />
            <Stage Include="B" Command="sh run.sh" Outputs="data/a.csv" />
            <Stage Include="C" Command="sh run.sh" Outputs="../elsewhere.csv" />
            <Stage Include="D" Command="sh run.sh" Inputs="data/missing.csv" Outputs="data/d.csv" />
            <Stage Include="E" Command="sh run.sh" Project="x.csproj" Outputs="data/e.csv" />
            <Stage Include="F" Command="sh run.sh" Outputs="data/f.csv" />
            <Dataset Include="data/f.csv" Stage="A" />
            """);
        var errors = project.Build().ShouldFail().Errors;
        StringAssert.StartsWith(errors.Single(e => e.Contains("RB1031", StringComparison.Ordinal)), ElementLocation.Of(project.ProjectFile, "<Stage Include=\"C\""));
        StringAssert.StartsWith(errors.Single(e => e.Contains("RB1030", StringComparison.Ordinal)), ElementLocation.Of(project.ProjectFile, "<Stage Include=\"E\""));
        // The graph is checked once every stage parses: the rest is reported when those are fixed.
        project.WriteProject("""
            <Stage Include="A" Command="sh run.sh" Outputs="data/a.csv" />
            <Stage Include="B" Command="sh run.sh" Outputs="data/a.csv" />
            <Stage Include="D" Command="sh run.sh" Inputs="data/missing.csv" Outputs="data/d.csv" />
            <Stage Include="F" Command="sh run.sh" Outputs="data/f.csv" />
            <Dataset Include="data/f.csv" Stage="A" />
            """);
        errors = project.Build().ShouldFail().Errors;
        StringAssert.StartsWith(errors.Single(e => e.Contains("RB1032", StringComparison.Ordinal)), ElementLocation.Of(project.ProjectFile, "<Stage Include=\"B\""));
        StringAssert.Contains(errors.Single(e => e.Contains("RB1034", StringComparison.Ordinal)), "Stage 'D' reads 'data/missing.csv', which does not exist");
        project.WriteProject("""
            <Stage Include="F" Command="sh run.sh" Outputs="data/f.csv" />
            <Stage Include="G" Command="sh run.sh" Outputs="data/g.csv" />
            <Dataset Include="data/f.csv" Stage="G" />
            """);
        StringAssert.StartsWith(project.Build().ShouldFail().Errors.Single(e => e.Contains("RB1036", StringComparison.Ordinal)), ElementLocation.Of(project.ProjectFile, "<Dataset Include=\"data/f.csv\""));
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "runs.log")), "A stage ran although the pipeline was invalid.");
    }

    [TestMethod]
    public void StagesThatDoNotDependOnEachOtherRunAtTheSameTime()
    {
        var project = UserProject.Create("""
            <Stage Include="Left" Command="sh slow.sh left" Code="slow.sh" Outputs="data/left.txt" />
            <Stage Include="Right" Command="sh slow.sh right" Code="slow.sh" Outputs="data/right.txt" />
            """);
        project.WriteFile("slow.sh", "date +%s.%N > \"$REPROBUILD_OUTPUT_DIR/data/$1.txt\"\nsleep 2\ndate +%s.%N >> \"$REPROBUILD_OUTPUT_DIR/data/$1.txt\"\n");
        project.Build().ShouldSucceed();

        double[] Times(string name) => [.. File.ReadAllLines(Path.Combine(project.Directory, "data", $"{name}.txt")).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];
        var left = Times("left");
        var right = Times("right");
        Assert.IsTrue(left[0] < right[1] && right[0] < left[1], $"The stages ran one after the other: left {left[0]}–{left[1]}, right {right[0]}–{right[1]}.");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public void AStageKilledFromOutsideOrWithItsBuildOrByCtrlCLeavesNoOutputAndTheNextBuildRecovers()
    {
        var project = UserProject.Create("""
            <Stage Include="Slow" Command="sh slow.sh" Code="slow.sh" Outputs="data/out.csv" />
            """);
        project.WriteFile("slow.sh", "echo $$ > stage.pid\nif [ -f slow ]; then sleep 120; fi\necho a,b > \"$REPROBUILD_OUTPUT_DIR/data/out.csv\"\n");
        project.WriteFile("slow", "");
        project.Run("restore").ShouldSucceed();
        var output = Path.Combine(project.Directory, "data/out.csv");

        // Killed from outside (the OOM killer, a user): an error at the element, nothing kept.
        using (var build = DotNet.Start(project.Directory, ["build", "--no-restore"]))
        {
            var stage = WaitForStage(project, build);
            stage.Kill(entireProcessTree: true);
            var result = build.Finish();
            Assert.AreNotEqual(0, result.ExitCode);
            StringAssert.Contains(result.Output, "Stage 'Slow' failed: 'sh slow.sh' was stopped by signal 9");
            Assert.IsFalse(File.Exists(output));
        }

        // The build killed with SIGKILL: the program dies with it.
        using (var build = DotNet.Start(project.Directory, ["build", "--no-restore"]))
        {
            var stage = WaitForStage(project, build);
            build.Process.Kill(entireProcessTree: false);
            build.Process.WaitForExit();
            Assert.IsTrue(stage.WaitForExit(TimeSpan.FromSeconds(10)), "The stage's program outlived the build killed with SIGKILL.");
            Assert.IsFalse(File.Exists(output));
        }

        // Ctrl+C: the build stops promptly, with the program.
        using (var build = DotNet.Start(project.Directory, ["build", "--no-restore"]))
        {
            var stage = WaitForStage(project, build);
            using (var interrupt = Process.Start("kill", ["-INT", build.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                interrupt.WaitForExit();
            }
            Assert.IsTrue(build.Process.WaitForExit(TimeSpan.FromSeconds(30)), $"The build did not stop within 30 s of Ctrl+C:\n{build.Output}");
            Assert.AreNotEqual(0, build.Finish().ExitCode);
            Assert.IsTrue(stage.WaitForExit(TimeSpan.FromSeconds(10)), "The stage's program outlived the cancelled build.");
            Assert.IsFalse(File.Exists(output));
        }

        File.Delete(Path.Combine(project.Directory, "slow"));
        var recovered = project.Build("--no-restore").ShouldSucceed();
        StringAssert.Contains(recovered.Output, "ReproBuild: ran stage Slow");
        Assert.AreEqual("a,b\n", File.ReadAllText(output));
        var work = Path.Combine(project.IntermediateDirectory(), "stages", "Slow");
        Assert.AreEqual(0, Directory.GetDirectories(work, "staging-*").Length, "A staging folder was left behind.");
    }

    /// <summary>The stage's program once it runs (it writes its process id to stage.pid).</summary>
    private static Process WaitForStage(UserProject project, RunningCommand build)
    {
        var pidFile = Path.Combine(project.Directory, "stage.pid");
        File.Delete(pidFile);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                Thread.Sleep(300); // into its sleep
                return Process.GetProcessById(pid);
            }
            Assert.IsFalse(build.Process.HasExited, $"The build ended before the stage started:\n{build.Output}");
            Thread.Sleep(100);
        }
        Assert.Fail($"The stage never started:\n{build.Output}");
        return null!;
    }

    [TestMethod]
    public void AStageOutputFeedsAModelInAProjectThatReferencesIt()
    {
        var root = PackagedReproBuild.NewFolder(nameof(AStageOutputFeedsAModelInAProjectThatReferencesIt));
        UserProject.WriteUserSetup(root);
        var data = UserProject.At(Path.Combine(root, "Data"), "Data");
        data.WriteProject("""
            <Stage Include="Copy" Command="sh copy.sh" Code="copy.sh" Inputs="raw/customers.csv" Outputs="prepared/customers.csv" />
            """);
        data.WriteFile("raw/customers.csv", TestData.Binary());
        data.WriteFile("copy.sh", "cp raw/customers.csv \"$REPROBUILD_OUTPUT_DIR/prepared/customers.csv\"\n");
        var models = UserProject.At(Path.Combine(root, "Models"), "Models");
        models.WriteProject("""
            <ProjectReference Include="../Data/Data.csproj" />
            <Dataset Include="../Data/prepared/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
            """);

        var built = models.Build().ShouldSucceed();
        StringAssert.Contains(built.Output, "ReproBuild: ran stage Copy");
        StringAssert.Contains(built.Output, "ReproBuild: trained Churn");
        var again = models.Build().ShouldSucceed();
        Assert.IsFalse(again.Output.Contains("ReproBuild: ran stage", StringComparison.Ordinal), again.Output);
        Assert.IsFalse(again.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), again.Output);
    }

    /// <summary>Copies a working tree as a clone has it: no bin/, obj/, run history or stage outputs.</summary>
    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".reprobuild" or "prepared") || relative.EndsWith("runs.log", StringComparison.Ordinal))
            {
                continue;
            }
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
