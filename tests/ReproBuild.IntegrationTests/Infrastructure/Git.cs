using System.Diagnostics;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>Runs git as a user would, for tests that need a repository (clones, committed baselines).</summary>
internal static class Git
{
    public static void Run(string directory, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", .. arguments])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"git {string.Join(' ', arguments)}: {output.Result}{errors}");
    }
}
