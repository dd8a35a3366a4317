namespace ReproBuild.Tests;

/// <summary>Runs git as a user would, for tests that need a repository (clones, commits, committed baselines).</summary>
public static class Git
{
    /// <summary>Runs git with a fixed identity and no signing (the machine may have neither set up); fails the test when git fails.</summary>
    public static CommandResult Run(string directory, params string[] arguments) =>
        Processes.Run("git", directory, ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. arguments])
            .ShouldSucceed();
}
