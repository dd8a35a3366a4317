using System.Diagnostics;
using System.Globalization;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>The engine runs in a process of its own: Ctrl+C stops it promptly, and a crash is an error that says where the log is.</summary>
[TestClass]
public sealed class EngineProcessTests
{
    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void CtrlCStopsTrainingPromptlyAndLeavesNoModel()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/large.csv" />
            <Model Include="Slow" Dataset="large" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Parameters="NumberOfTrees=5000;NumberOfLeaves=64" />
            """);
        project.WriteFile("data/large.csv", TestData.LargeBinary(rows: 50_000));
        project.Run("restore").ShouldSucceed();

        using var build = DotNet.Start(project.Directory, ["build", "--no-restore"]);

        var engine = EngineProcesses.WaitFor(project.Directory, TimeSpan.FromMinutes(2));
        Assert.IsNotNull(engine, $"The engine never started:\n{build.Output}");
        Thread.Sleep(TimeSpan.FromSeconds(3)); // well into training

        using (var interrupt = Process.Start("kill", ["-INT", build.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            interrupt.WaitForExit();
        }
        Assert.IsTrue(build.Process.WaitForExit(TimeSpan.FromSeconds(30)), $"The build did not stop within 30 s of Ctrl+C:\n{build.Output}");
        var result = build.Finish();

        Assert.AreNotEqual(0, result.ExitCode);
        Assert.IsFalse(EngineProcesses.IsRunning(engine), "The engine process outlived the cancelled build.");
        Assert.IsFalse(File.Exists(Path.Combine(project.IntermediateDirectory(), "models", "Slow", "model.zip")), "A cancelled run left a model in obj/.");
        Assert.IsFalse(File.Exists(project.Output("models/Slow.zip")), "A cancelled run left a model in the output folder.");
        Assert.IsFalse(result.Output.Contains("ReproBuild: trained Slow", StringComparison.Ordinal), result.Output);
    }

    [TestMethod]
    public void AnEngineFailureIsAnErrorThatNamesItsLogWithoutAStackTrace()
    {
        var project = UserProject.Create("");
        project.Run("restore").ShouldSucceed();
        var engine = Path.Combine(PackagedReproBuild.Packages.PackageFolder("ReproBuild", PackagedReproBuild.Version), "tools", "engine", "ReproBuild.Engine.dll");
        Assert.IsTrue(File.Exists(engine), engine);

        // A request whose model inputs file has vanished: not the user's input, an internal failure.
        var log = Path.Combine(project.Directory, "obj", "engine.log");
        project.WriteFile("request.json", $$"""
            { "projectFile": "{{project.ProjectFile}}", "logFile": "{{log}}", "runsDirectory": "{{project.Directory}}/runs",
              "models": [ { "inputsFile": "{{project.Directory}}/gone.inputs.json", "outputDirectory": "{{project.Directory}}/out",
                            "trainDataFile": "x.csv", "trainSummaryFile": "x.json" } ] }
            """);
        var result = project.Run("exec", engine, "train", "--request", Path.Combine(project.Directory, "request.json"));

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "error RB3001: the ReproBuild engine failed unexpectedly (FileNotFoundException:");
        StringAssert.Contains(result.Output, $"Details are in {log}.");
        result.ShouldHaveNoStackTrace();
        StringAssert.Contains(File.ReadAllText(log), "at ReproBuild.Engine");
    }
}
