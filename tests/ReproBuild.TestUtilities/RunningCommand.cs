using System.Diagnostics;
using System.Text;

namespace ReproBuild.Tests;

/// <summary>
/// A command started by <see cref="Processes.Start"/>, with everything it prints collected as it comes: tests that
/// interrupt or kill a build, or run two at once, read <see cref="Output"/> while it runs.
/// </summary>
public sealed class RunningCommand : IDisposable
{
    private readonly string _description;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();

    internal RunningCommand(Process process, string description)
    {
        Process = process;
        _description = description;
        process.OutputDataReceived += (_, e) => Append(e.Data, _standardOutput);
        process.ErrorDataReceived += (_, e) => Append(e.Data, _standardError);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The process, to signal, kill or wait for.</summary>
    public Process Process { get; }

    public int Id => Process.Id;

    /// <summary>Both streams so far, in the order the lines came.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// The exit code and output of a process that has exited. Lines still in the pipes may be missing after a timed
    /// wait: an orphaned child can hold the pipe open, and only <see cref="Finish"/> waits for the pipe's end.
    /// </summary>
    public CommandResult Result
    {
        get
        {
            lock (_output)
            {
                return new CommandResult(Process.ExitCode, _output.ToString(), _standardOutput.ToString(), _standardError.ToString());
            }
        }
    }

    /// <summary>Waits for the command to end and returns its result; kills it and fails the test after <paramref name="timeout"/> (5 minutes).</summary>
    public CommandResult Finish(TimeSpan? timeout = null)
    {
        if (!Process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            Process.Kill(entireProcessTree: true);
            Assert.Fail($"{_description} did not finish in time:\n{Output}");
        }
        // The untimed wait also waits for the end of both streams.
        Process.WaitForExit();
        return Result;
    }

    /// <summary>Kills the command (and what it started) if it still runs: a test that fails half-way leaves no process behind.</summary>
    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started, or has ended in the meantime.
        }
        Process.Dispose();
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            stream.AppendLine(line);
        }
    }
}
