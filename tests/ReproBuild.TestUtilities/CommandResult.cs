using System.Text.RegularExpressions;

namespace ReproBuild.Tests;

/// <summary>How a command ended and what it printed.</summary>
/// <param name="Output">Both streams, line by line in the order they came: what a user sees in the terminal.</param>
/// <param name="StandardOutput">Standard output alone: what a user would pipe on (a command's JSON).</param>
/// <param name="StandardError">Standard error alone.</param>
public sealed record CommandResult(int ExitCode, string Output, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public CommandResult ShouldSucceed()
    {
        Assert.AreEqual(0, ExitCode, $"The command failed:\n{Output}");
        return this;
    }

    public CommandResult ShouldFail()
    {
        Assert.AreNotEqual(0, ExitCode, $"The command succeeded but should have failed:\n{Output}");
        return this;
    }

    public CommandResult ShouldExitWith(int code)
    {
        Assert.AreEqual(code, ExitCode, $"exit code\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}");
        return this;
    }

    /// <summary>Lines the build reported as errors (each appears twice in the console output: as it happens and in the summary).</summary>
    public IReadOnlyList<string> Errors => Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();

    /// <summary>A stack frame line ("   at Namespace.Type.Method(...)") means an exception reached the user.</summary>
    public void ShouldHaveNoStackTrace() =>
        Assert.IsFalse(Output.Split('\n').Any(l => Regex.IsMatch(l, @"^\s+at \S+\(.*\)")), $"A stack trace reached the user:\n{Output}");
}
