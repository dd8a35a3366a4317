using System.Diagnostics;
using System.Text;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// <c>engine serve</c>, the process a build's tasks share, run as they run it: requests one a line on its standard
/// input, each answered with its output and a done line; the end of its input ends it.
/// </summary>
[TestClass]
public sealed class ServeCommandTests : TempFolderTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed class ServedEngine : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingQueue _lines = new();

        public ServedEngine(string projectFile)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardInputEncoding = new UTF8Encoding(false),
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "exec", typeof(ParentWatch).Assembly.Location, EngineHandshake.ServeCommand, "--project", projectFile, ParentWatch.Switch })
            {
                info.ArgumentList.Add(argument);
            }
            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, e) => _lines.Add(e.Data);
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Add("stderr: " + e.Data); } };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public Process Process => _process;

        public string? NextLine() => _lines.Take(Patience);

        /// <returns>The lines it printed for the request, and the exit code its done line gave.</returns>
        public (List<string> Lines, int? Code) Ask(string command, string requestFile)
        {
            _process.StandardInput.WriteLine(EngineHandshake.RequestLine(command, requestFile));
            _process.StandardInput.Flush();
            var lines = new List<string>();
            while (NextLine() is { } line)
            {
                if (EngineHandshake.ParseDoneLine(line) is { } code)
                {
                    return (lines, code);
                }
                lines.Add(line);
            }
            return (lines, null);
        }

        public void CloseInput() => _process.StandardInput.Close();

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }

    /// <summary>The output lines, in order; null for the end of the output.</summary>
    private sealed class BlockingQueue
    {
        private readonly System.Collections.Concurrent.BlockingCollection<string?> _items = new();

        public void Add(string? line) => _items.Add(line);

        public string? Take(TimeSpan timeout) =>
            _items.TryTake(out var line, timeout) ? line : throw new AssertFailedException($"The engine printed nothing for {timeout.TotalSeconds} s.");
    }

    private string InspectRequest(string name, string csv)
    {
        var file = Temp.Write($"{name}.csv", csv);
        var request = new InspectRequest(Temp.File("App.csproj"), Temp.File("engine.log"), [new DatasetJob(name, file, ',', true, Temp.File($"{name}.summary.json"))]);
        return Temp.Write($"{name}.request.json", ReproJson.Serialize(request));
    }

    [TestMethod]
    public void OneProcessAnswersEachRequestInTurnAndEndsWhenItsInputCloses()
    {
        var good = InspectRequest("good", "x,label\n1,0\n2,1\n");
        var bad = InspectRequest("bad", "x,label\n1,0\n2\n");
        using var engine = new ServedEngine(Temp.File("App.csproj"));
        Assert.AreEqual(EngineHandshake.StartedLine, engine.NextLine());

        var (goodLines, goodCode) = engine.Ask("inspect", good);
        var (badLines, badCode) = engine.Ask("inspect", bad);

        Assert.AreEqual(0, goodCode, string.Join('\n', goodLines));
        Assert.IsTrue(File.Exists(Temp.File("good.summary.json")));
        Assert.AreEqual(1, badCode, string.Join('\n', badLines));
        Assert.IsTrue(badLines.Any(l => l.Contains($"bad.csv(3,2) : error {ErrorCodes.WrongFieldCount}", StringComparison.Ordinal)), string.Join('\n', badLines));
        Assert.IsFalse(File.Exists(Temp.File("bad.summary.json")));
        Assert.IsFalse(engine.Process.HasExited, "The engine did not wait for the next request.");

        engine.CloseInput();
        Assert.IsTrue(engine.Process.WaitForExit(Patience), "The engine outlived its standard input.");
    }

    [TestMethod]
    public void AnUnexpectedFailureIsAnsweredWithCodeTwoAndEndsTheEngine()
    {
        using var engine = new ServedEngine(Temp.File("App.csproj"));
        Assert.AreEqual(EngineHandshake.StartedLine, engine.NextLine());

        var (lines, code) = engine.Ask("train", Temp.File("missing.request.json"));

        Assert.AreEqual(2, code, string.Join('\n', lines));
        Assert.IsTrue(lines.Any(l => l.Contains($"error {ErrorCodes.EngineFailed}: the ReproBuild engine failed unexpectedly (FileNotFoundException", StringComparison.Ordinal)), string.Join('\n', lines));
        Assert.IsTrue(engine.Process.WaitForExit(Patience), "The engine went on after a failure it did not expect.");
        Assert.AreEqual(2, engine.Process.ExitCode);
    }
}
