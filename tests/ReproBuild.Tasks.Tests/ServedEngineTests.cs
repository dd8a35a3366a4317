using System.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// The engine process a build's tasks share (<see cref="ServedEngine"/>, <see cref="EngineProcess"/>), with a shell
/// script in the engine's place that speaks its protocol: one request a line in, the output and a done line out, and
/// an exit when standard input closes. Each <see cref="RecordingBuildEngine"/> is one build.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class ServedEngineTests : TempFolderTest
{
    private const string Engine = """
        echo 'ReproBuild.Engine: started'
        while read -r command file; do
          echo "$command of $file in process $$"
          echo 'ReproBuild.Engine: done 0'
        done
        """;

    private string IntermediateDirectory => Temp.File("obj/reprobuild");

    private int _started;

    private EngineProcess Start(string script) =>
        EngineProcess.Start("/bin/sh", ["-c", script], new Dictionary<string, string>());

    private EngineProcess Get(RecordingBuildEngine build, out bool reused, string? intermediateDirectory = null, string script = Engine) =>
        ServedEngine.Get(build, intermediateDirectory ?? IntermediateDirectory, "/engine/ReproBuild.Engine.dll", Temp.File("App.csproj"), _ =>
        {
            _started++;
            return Start(script);
        }, out reused);

    private static (int? Answer, List<string> Lines) Ask(EngineProcess engine, string command)
    {
        var lines = new List<string>();
        var answer = engine.Ask(EngineHandshake.RequestLine(command, "/obj/" + command + ".request.json"), EngineHandshake.ParseDoneLine, lines.Add, CancellationToken.None, out var cancelled);
        Assert.IsFalse(cancelled);
        return (answer, lines);
    }

    private static bool Ends(int pid, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                return true;
            }
            Thread.Sleep(50);
        }
        return false;
    }

    [TestMethod]
    public void TheSecondTaskOfABuildHandsItsRequestToTheEngineTheFirstStarted()
    {
        var build = new RecordingBuildEngine();
        try
        {
            var first = Get(build, out var firstReused);
            var (inspected, inspectLines) = Ask(first, "inspect");
            var second = Get(build, out var secondReused);
            var (trained, trainLines) = Ask(second, "train");

            Assert.AreSame(first, second);
            Assert.IsFalse(firstReused);
            Assert.IsTrue(secondReused);
            Assert.AreEqual(1, _started, "A second engine process was started.");
            Assert.AreEqual(0, inspected);
            Assert.AreEqual(0, trained);
            CollectionAssert.AreEqual(new[] { $"inspect of /obj/inspect.request.json in process {first.Id}" }, inspectLines, "The started line is the task's, and the done line ends the answer.");
            CollectionAssert.AreEqual(new[] { $"train of /obj/train.request.json in process {first.Id}" }, trainLines);
            Assert.IsTrue(first.Started);
        }
        finally
        {
            build.EndBuild();
        }
    }

    [TestMethod]
    public void TheEndOfTheBuildEndsTheEngine()
    {
        var build = new RecordingBuildEngine();
        var engine = Get(build, out _);
        Ask(engine, "inspect");

        build.EndBuild();

        Assert.IsTrue(Ends(engine.Id, TimeSpan.FromSeconds(10)), "The engine outlived the build.");
        Assert.AreNotSame(engine, Get(build = new RecordingBuildEngine(), out var reused));
        Assert.IsFalse(reused);
        build.EndBuild();
    }

    [TestMethod]
    public void ReleasingTheEngineEndsItAtOnceAndTheNextTaskStartsAnother()
    {
        var build = new RecordingBuildEngine();
        try
        {
            var engine = Get(build, out _);
            Ask(engine, "inspect");

            ServedEngine.Release(build, IntermediateDirectory, "/engine/ReproBuild.Engine.dll");

            Assert.IsTrue(Ends(engine.Id, TimeSpan.FromSeconds(10)), "A released engine went on running.");
            Assert.AreNotEqual(engine.Id, Get(build, out var reused).Id);
            Assert.IsFalse(reused);
        }
        finally
        {
            build.EndBuild();
        }
    }

    [TestMethod]
    public void EachObjFolderAndEachBuildHasAnEngineOfItsOwn()
    {
        var build = new RecordingBuildEngine();
        var other = new RecordingBuildEngine();
        try
        {
            var engine = Get(build, out _);
            var otherFramework = Get(build, out var otherFrameworkReused, Temp.File("obj/net9.0/reprobuild"));
            var otherBuild = Get(other, out var otherBuildReused);

            Assert.AreEqual(3, new[] { engine.Id, otherFramework.Id, otherBuild.Id }.Distinct().Count());
            Assert.IsFalse(otherFrameworkReused || otherBuildReused);
        }
        finally
        {
            build.EndBuild();
            other.EndBuild();
        }
    }

    [TestMethod]
    public void AnEngineThatDiedIsReplacedNotAsked()
    {
        var build = new RecordingBuildEngine();
        try
        {
            var engine = Get(build, out _);
            using (var process = Process.GetProcessById(engine.Id))
            {
                process.Kill();
                process.WaitForExit();
            }

            var replacement = Get(build, out var reused);

            Assert.IsFalse(reused);
            Assert.AreNotEqual(engine.Id, replacement.Id);
            Assert.AreEqual(0, Ask(replacement, "train").Answer);
        }
        finally
        {
            build.EndBuild();
        }
    }

    [TestMethod]
    public void AnEngineThatDiesDuringARequestGivesItsExitCodeNotAnAnswer()
    {
        using var engine = Start("""
            echo 'ReproBuild.Engine: started'
            read -r request
            echo 'training…'
            kill -9 $$
            """);

        var (answer, lines) = Ask(engine, "train");

        Assert.IsNull(answer);
        Assert.AreEqual(137, engine.ExitCode);
        Assert.IsTrue(engine.Started);
        CollectionAssert.AreEqual(new[] { "training…" }, lines);
    }

    [TestMethod]
    public void AnEngineThatDoesNotEndWhenItsInputClosesIsKilled()
    {
        var engine = Start("trap '' HUP PIPE; exec sleep 600");
        var pid = engine.Id;

        engine.Dispose();

        Assert.IsTrue(Ends(pid, TimeSpan.FromSeconds(1)), "Disposing left an engine running after its grace period.");
    }

    [TestMethod]
    public void CancellingARequestKillsTheEngine()
    {
        using var engine = Start("read -r request; exec sleep 600");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var answer = engine.Ask(EngineHandshake.RequestLine("train", "/obj/train.request.json"), EngineHandshake.ParseDoneLine, _ => { }, cancellation.Token, out var cancelled);

        Assert.IsTrue(cancelled);
        Assert.IsNull(answer);
        Assert.IsTrue(engine.HasExited);
    }
}
