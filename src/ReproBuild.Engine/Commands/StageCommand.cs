using System.ComponentModel;
using System.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Commands;

/// <summary>
/// Runs a pipeline stage's program — the user's, not ours — on behalf of the RunStages task. The engine is there
/// only to tie the program to the build: a program cannot be asked to watch its standard input, but the engine does
/// (<see cref="ParentWatch"/>) and takes the program's whole process tree with it when the build dies. The program's
/// output is passed through line by line; its standard error is also kept in a file for the error message.
/// </summary>
internal static class StageCommand
{
    public static void Run(StageRunRequest request)
    {
        var info = new ProcessStartInfo(request.FileName)
        {
            WorkingDirectory = request.WorkingDirectory,
            // A pipe of its own that is closed at once: the program must never read (and so hold) the engine's lifeline.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in request.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in request.Environment)
        {
            info.Environment[name] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(request.StandardErrorFile)!);
        using var standardError = new StreamWriter(request.StandardErrorFile) { AutoFlush = true };
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            AtomicFile.WriteAllText(request.ResultFile, ReproJson.Serialize(new StageRunResult(-1, $"'{request.FileName}' could not be started: {e.Message}")));
            return;
        }
        ParentWatch.TakeAlong(process);
        process.StandardInput.Close();
        var readers = new[]
        {
            Task.Run(() => Copy(process.StandardOutput, null)),
            Task.Run(() => Copy(process.StandardError, standardError)),
        };
        process.WaitForExit(Timeout.Infinite);
        // A process the program left running (a daemon, an orphaned child) may hold the pipes open for ever: its
        // output is not waited for beyond a moment.
        Task.WaitAll(readers, TimeSpan.FromSeconds(5));
        AtomicFile.WriteAllText(request.ResultFile, ReproJson.Serialize(new StageRunResult(process.ExitCode)));
    }

    /// <summary>Passes a stream's lines on to the build log, and keeps them in <paramref name="copy"/> too when given.</summary>
    private static void Copy(StreamReader stream, StreamWriter? copy)
    {
        while (stream.ReadLine() is { } line)
        {
            Console.Out.WriteLine(line);
            copy?.WriteLine(line);
        }
    }
}
