using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReproBuild.Engine;

/// <summary>
/// Keeps the engine from outliving the build that started it. An orphan that goes on training after its build was
/// killed writes a model for inputs the next build may already have replaced; that is how a killed build once
/// shipped the wrong model. The starting task holds the write end of the engine's standard input open for as long as
/// it lives (a served engine reads its requests from it; a single-shot one is never written to): when that process
/// ends for any reason — even SIGKILL, which no handler sees — or the build is done with a served engine, the
/// operating system closes the pipe, the read below returns, and the engine kills itself at once. No cleanup
/// runs: nothing the engine has not yet moved into place looks valid.
/// </summary>
internal static class ParentWatch
{
    /// <summary>The switch the task passes; without it (the engine run by hand) standard input is left alone.</summary>
    public const string Switch = "--exit-with-stdin";

    private static Process? s_child;

    /// <summary>A program the engine runs for a pipeline stage: when the build goes, it goes too, with its own children.</summary>
    public static void TakeAlong(Process child) => s_child = child;

    /// <param name="requests">For a served engine: where the lines the build writes go; without it they are read and dropped.</param>
    public static void Start(BlockingCollection<string>? requests = null)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                using var input = new StreamReader(Console.OpenStandardInput());
                while (input.ReadLine() is { } line)
                {
                    requests?.Add(line);
                }
            }
            catch (IOException)
            {
            }
            try
            {
                s_child?.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It had exited already.
            }
            Process.GetCurrentProcess().Kill();
        })
        {
            IsBackground = true,
            Name = "ReproBuild parent watch",
        };
        watcher.Start();
    }
}
