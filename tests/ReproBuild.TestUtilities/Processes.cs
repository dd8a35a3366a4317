using System.Diagnostics;

namespace ReproBuild.Tests;

/// <summary>
/// Runs programs as a user's shell would: the one way the tests start a process. The test host inherits what a
/// user's shell does not have — the outer build's and test platform's variables, node reuse, the MSBuild server —
/// so each process starts from a cleaned copy of the environment (<see cref="UserEnvironment"/>).
/// </summary>
public static class Processes
{
    private static IReadOnlyDictionary<string, string?> _everyProcess = new Dictionary<string, string?>();

    /// <summary>
    /// Variables every process started from now on gets, under those a call passes: what a test run sets up for
    /// all its processes (the integration tests' packages folder). Set once, before the tests start.
    /// </summary>
    public static void SetForEveryProcess(IReadOnlyDictionary<string, string?> variables) => _everyProcess = new Dictionary<string, string?>(variables);

    /// <summary>Runs <paramref name="program"/> to its end (failing the test after <paramref name="timeout"/>, 5 minutes).</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static CommandResult Run(string program, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var command = Start(program, workingDirectory, arguments, environment);
        return command.Finish(timeout);
    }

    /// <summary>Starts <paramref name="program"/> and returns at once; its output is collected as it comes.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static RunningCommand Start(string program, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        UserEnvironment.Apply(info.Environment, workingDirectory);
        Set(info.Environment, _everyProcess);
        Set(info.Environment, environment);
        return new RunningCommand(Process.Start(info)!, $"{program} {string.Join(' ', info.ArgumentList)}");
    }

    private static void Set(IDictionary<string, string?> target, IReadOnlyDictionary<string, string?>? variables)
    {
        foreach (var (key, value) in variables ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }
        }
    }
}
