using System.Diagnostics;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A running ReproBuild engine: its process id and command line (<c>dotnet exec …/ReproBuild.Engine.dll train --request …</c>,
/// or <c>… serve --project …</c> for the engine a build's tasks share).
/// </summary>
internal sealed record EngineProcess(int Id, string CommandLine)
{
    /// <summary>
    /// The engine command it runs now: <c>inspect</c> or <c>train</c>; a served engine runs each request on a thread
    /// named after its command (<c>serve</c> when it waits for one).
    /// </summary>
    public string Command =>
        CommandLine.Contains(" serve ", StringComparison.Ordinal) ? ServedCommand(Id)
        : CommandLine.Contains(" train ", StringComparison.Ordinal) ? "train"
        : CommandLine.Contains(" inspect ", StringComparison.Ordinal) ? "inspect"
        : "?";

    private static string ServedCommand(int pid)
    {
        try
        {
            foreach (var thread in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var name = File.ReadAllText(Path.Combine(thread, "comm")).Trim();
                if (name.StartsWith("engine-", StringComparison.Ordinal))
                {
                    return name["engine-".Length..];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // It ended meanwhile.
        }
        return "serve";
    }
}

/// <summary>
/// The engine processes that builds start, found the only way a test can find processes it did not start itself:
/// through /proc (Linux), by the engine assembly on their command line and a project folder in it or as their
/// working directory.
/// </summary>
internal static class EngineProcesses
{
    private const string EngineAssembly = "ReproBuild.Engine.dll";

    /// <summary>Engines at work for a project under <paramref name="directory"/> right now.</summary>
    public static IReadOnlyList<EngineProcess> Under(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var engines = new List<EngineProcess>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && CommandLine(pid) is { } command
                && command.Contains(EngineAssembly, StringComparison.Ordinal)
                && (command.Contains(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || IsUnder(WorkingDirectory(pid), root)))
            {
                engines.Add(new EngineProcess(pid, command));
            }
        }
        return engines;
    }

    /// <summary>The first engine to appear under <paramref name="directory"/>, or null when none does in time.</summary>
    /// <param name="command">Only an engine running this command (<c>inspect</c>, <c>train</c>); any when null.</param>
    public static EngineProcess? WaitFor(string directory, TimeSpan timeout, string? command = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Under(directory).FirstOrDefault(e => command is null || e.Command == command) is { } engine)
            {
                return engine;
            }
            Thread.Sleep(100);
        }
        return null;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the engine to end; whether it did.</summary>
    public static bool WaitForExit(EngineProcess engine, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning(engine))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>Kills every engine still at work under <paramref name="directory"/>.</summary>
    public static void KillAll(string directory)
    {
        foreach (var engine in Under(directory))
        {
            Kill(engine);
        }
    }

    /// <summary>Whether the process is still this engine (a reaped process's id may already belong to another).</summary>
    public static bool IsRunning(EngineProcess engine) => CommandLine(engine.Id) is { } command && command.Contains(EngineAssembly, StringComparison.Ordinal);

    /// <summary>Kills an engine a test's build left behind, so that a test run leaves no process of its own.</summary>
    public static void Kill(EngineProcess engine)
    {
        if (!IsRunning(engine))
        {
            return;
        }
        try
        {
            using var process = Process.GetProcessById(engine.Id);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // It ended by itself in the meantime.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string? CommandLine(int pid)
    {
        try
        {
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return command.Length > 0 ? command : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsUnder(string? path, string root) =>
        path is not null && (path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
}
