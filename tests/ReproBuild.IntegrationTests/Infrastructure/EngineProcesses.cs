using System.Diagnostics;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>The ReproBuild engine processes of one test project, found through /proc (Linux).</summary>
internal static class EngineProcesses
{
    /// <summary>The pid of an engine working on <paramref name="projectDirectory"/>, once one runs; null after <paramref name="timeout"/>.</summary>
    /// <param name="command">Only an engine running this command (<c>inspect</c>, <c>train</c>); any when null.</param>
    public static int? WaitForOne(string projectDirectory, TimeSpan timeout, string? command = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Running(projectDirectory, command).FirstOrDefault() is var pid and > 0)
            {
                return pid;
            }
            Thread.Sleep(100);
        }
        return null;
    }

    /// <summary>Engines whose command line names a file under <paramref name="projectDirectory"/>.</summary>
    public static IReadOnlyList<int> Running(string projectDirectory, string? command = null)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && CommandLine(pid) is { } line
                && line.Contains("ReproBuild.Engine.dll", StringComparison.Ordinal) && line.Contains(projectDirectory, StringComparison.Ordinal)
                && (command is null || line.Contains($"ReproBuild.Engine.dll {command} ", StringComparison.Ordinal)))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    public static bool IsRunning(int pid) => CommandLine(pid) is { Length: > 0 };

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end; whether it did.</summary>
    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>Kills whatever engines of the project are left, so that a failing test leaves no process behind.</summary>
    public static void KillAll(string projectDirectory)
    {
        foreach (var pid in Running(projectDirectory))
        {
            Signal(pid, "KILL");
        }
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
