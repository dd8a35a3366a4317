using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReproBuild.Tasks;

/// <summary>
/// One run of the engine as a child process tied to this one: its standard input is a pipe this process holds open
/// and never writes, so the engine (started with <c>--exit-with-stdin</c>) dies with us even when we are killed with
/// no chance to clean up. Output lines are handed back on the calling thread, because MSBuild's logging must not be
/// called from the reader threads.
/// </summary>
internal sealed class EngineProcess
{
    /// <summary>The signal that killed a process (.NET reports 128 + signal on Unix); a process may also exit with such a code itself.</summary>
    public static int? Signal(int exitCode) => !OperatingSystem.IsWindows() && exitCode is > 128 and < 160 ? exitCode - 128 : null;

    /// <summary>Runs the engine to the end, or kills it (and its children) when <paramref name="cancellation"/> fires.</summary>
    /// <returns>The engine's exit code; null when it was cancelled.</returns>
    public static int? Run(string host, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> onLine, CancellationToken cancellation)
    {
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
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

        using var lines = new BlockingCollection<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Add(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Add(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Held, never written: closing it (our exit, however it happens) is what tells the engine to stop.
        var lifeline = process.StandardInput;
        try
        {
            while (!process.WaitForExit(50))
            {
                Drain(lines, onLine);
                if (cancellation.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    return null;
                }
            }
            process.WaitForExit(); // the output readers have reached the end of both streams
            Drain(lines, onLine);
            return process.ExitCode;
        }
        finally
        {
            lifeline.Dispose();
        }
    }

    private static void Drain(BlockingCollection<string> lines, Action<string> onLine)
    {
        while (lines.TryTake(out var line))
        {
            onLine(line);
        }
    }
}
