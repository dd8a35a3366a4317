using System.Diagnostics;

namespace ReproBuild.Tool.Locks;

/// <summary>Reads a file as it was at a git revision (<c>git show REV:path</c>), with git itself.</summary>
internal static class GitRevisions
{
    /// <summary>Whether <paramref name="revision"/> names a commit in the repository around <paramref name="directory"/>.</summary>
    public static bool IsRevision(string directory, string revision) =>
        Git(directory, "rev-parse", "--verify", "--quiet", $"{revision}^{{commit}}") is { ExitCode: 0 };

    /// <summary>The file's text at the revision.</summary>
    public static string Show(string file, string revision)
    {
        var directory = Path.GetDirectoryName(file)!;
        var result = Git(directory, "show", $"{revision}:./{Path.GetFileName(file)}")
            ?? throw new ToolError("git is not installed or not on PATH; comparing lock files between revisions needs it.");
        if (result.ExitCode != 0)
        {
            throw new ToolError($"{Path.GetFileName(file)} is not in git at '{revision}' ({result.Error.Trim()}). Commit the lock file, or name a revision that has it.");
        }
        return result.Output;
    }

    private static (int ExitCode, string Output, string Error)? Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
