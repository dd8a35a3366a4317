namespace ReproBuild.Tests;

/// <summary>The dotnet CLI, run as a user would (<see cref="Processes"/>).</summary>
public static class DotNet
{
    public static CommandResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        Processes.Run("dotnet", workingDirectory, arguments, environment, timeout);

    public static RunningCommand Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Processes.Start("dotnet", workingDirectory, arguments, environment);
}
