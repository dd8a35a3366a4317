using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace ReproBuild.Tasks;

/// <summary>
/// The engine as a child process tied to this one: its standard input is a pipe this process holds open, so the
/// engine (started with <c>--exit-with-stdin</c>) dies with us even when we are killed with no chance to clean up, and
/// dies when we close it. A single-shot engine is never written to; a served one reads its requests from it. Output
/// lines are handed back on the calling thread, because MSBuild's logging must not be called from the reader threads.
/// </summary>
internal sealed class EngineProcess : IDisposable
{
    /// <summary>How long a served engine gets to go by itself once its standard input is closed, before it is killed.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    // Held open while we want the engine: closing it (Dispose, or our exit however it happens) is what stops it.
    private StreamWriter? _lifeline;

    private EngineProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The signal that killed a process (.NET reports 128 + signal on Unix); a process may also exit with such a code itself.</summary>
    public static int? Signal(int exitCode) => !OperatingSystem.IsWindows() && exitCode is > 128 and < 160 ? exitCode - 128 : null;

    /// <summary>The process id, kept for messages after the process is gone.</summary>
    public int Id { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>Whether the engine said it runs: before that, an exit code above 128 is the dotnet host's, not a signal.</summary>
    public bool Started { get; private set; }

    public static EngineProcess Start(string host, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        var engine = new EngineProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { engine._lines.Add(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { engine._lines.Add(e.Data); } };
        process.Start();
        engine._lifeline = process.StandardInput;
        engine.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return engine;
    }

    /// <summary>Runs the engine to the end, or kills it (and its children) when <paramref name="cancellation"/> fires.</summary>
    /// <returns>The engine's exit code; null when it was cancelled.</returns>
    public static int? Run(string host, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> onLine, CancellationToken cancellation)
    {
        using var engine = Start(host, arguments, environment);
        return engine.RunToEnd(onLine, cancellation);
    }

    /// <summary>Relays the output of a single-shot engine until it exits, or kills it when <paramref name="cancellation"/> fires.</summary>
    /// <returns>Its exit code; null when it was cancelled.</returns>
    public int? RunToEnd(Action<string> onLine, CancellationToken cancellation) =>
        Relay(onLine, until: null, cancellation) == Outcome.Cancelled ? null : _process.ExitCode;

    /// <summary>
    /// Hands a served engine a request line and relays its output until it answers with a line
    /// <paramref name="answer"/> recognises, or exits; kills it when <paramref name="cancellation"/> fires.
    /// </summary>
    /// <returns>The answer; null when the engine exited instead (see <see cref="ExitCode"/>) or was cancelled (see <paramref name="cancelled"/>).</returns>
    public int? Ask(string request, Func<string, int?> answer, Action<string> onLine, CancellationToken cancellation, out bool cancelled)
    {
        int? answered = null;
        try
        {
            _lifeline!.WriteLine(request);
            _lifeline.Flush();
        }
        catch (IOException)
        {
            // It exited already: what it printed and its exit code say why.
        }
        var outcome = Relay(onLine, line => (answered = answer(line)) is not null, cancellation);
        cancelled = outcome == Outcome.Cancelled;
        return outcome == Outcome.Answered ? answered : null;
    }

    /// <summary>The exit code of an engine that has exited.</summary>
    public int ExitCode => _process.ExitCode;

    private enum Outcome
    {
        Answered,
        Exited,
        Cancelled,
    }

    private Outcome Relay(Action<string> onLine, Func<string, bool>? until, CancellationToken cancellation)
    {
        while (true)
        {
            if (Drain(onLine, until))
            {
                return Outcome.Answered;
            }
            if (_process.WaitForExit(50))
            {
                _process.WaitForExit(); // the output readers have reached the end of both streams
                return Drain(onLine, until) ? Outcome.Answered : Outcome.Exited;
            }
            if (cancellation.IsCancellationRequested)
            {
                Kill();
                return Outcome.Cancelled;
            }
        }
    }

    /// <returns>Whether a line <paramref name="until"/> waits for came (it is not handed on, nor are the lines after it).</returns>
    private bool Drain(Action<string> onLine, Func<string, bool>? until)
    {
        while (_lines.TryTake(out var line))
        {
            if (line == Protocol.EngineHandshake.StartedLine)
            {
                Started = true;
                continue;
            }
            if (until is not null && until(line))
            {
                return true;
            }
            onLine(line);
        }
        return false;
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    /// <summary>Closes the engine's standard input, which ends it; kills it (with its children) if it has not gone after a grace period.</summary>
    public void Dispose()
    {
        try
        {
            _lifeline?.Dispose();
        }
        catch (IOException)
        {
            // The pipe is broken: the engine has gone.
        }
        if (!_process.WaitForExit(ExitGrace))
        {
            Kill();
        }
        _process.Dispose();
        _lines.Dispose();
    }
}
