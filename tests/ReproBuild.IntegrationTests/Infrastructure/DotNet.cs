using System.Diagnostics;
using System.Text;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>The result of one dotnet command: its exit code and everything it printed.</summary>
internal sealed record CommandResult(int ExitCode, string Output)
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

    /// <summary>Lines the build reported as errors (each appears twice in the console output: as it happens and in the summary).</summary>
    public IReadOnlyList<string> Errors => Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();

    /// <summary>A stack frame line ("   at Namespace.Type.Method(...)") means an exception reached the user.</summary>
    public void ShouldHaveNoStackTrace() =>
        Assert.IsFalse(Output.Split('\n').Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+at \S+\(.*\)")), $"A stack trace reached the user:\n{Output}");
}

/// <summary>Runs the dotnet CLI as a user would, in a clean environment: node reuse off unless a test turns it on.</summary>
internal static class DotNet
{
    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(workingDirectory, arguments, environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in time:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToString());
        }
    }

    public static Process Start(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
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
        // The test host may inherit the outer build's MSBuild variables; a user's shell has none of them.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            info.Environment.Remove(key);
        }
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["TERM"] = "dumb";
        // Each project folder gets a model cache of its own beside it, so that one test's models are never another's
        // cache hits (and the user's own cache is left alone); tests of the cache pass REPROBUILD_CACHE themselves.
        info.Environment["REPROBUILD_CACHE"] = Path.GetFullPath(workingDirectory).TrimEnd(Path.DirectorySeparatorChar) + ".cache";
        info.Environment.Remove("REPROBUILD_REMOTE_HEADER");
        info.Environment.Remove("REPROBUILD_REMOTE_CREDENTIALS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }
        return Process.Start(info)!;
    }
}
