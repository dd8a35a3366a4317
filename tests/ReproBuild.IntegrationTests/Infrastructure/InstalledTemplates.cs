namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// <c>dotnet new</c> with the run's ReproBuild.Templates package installed, as a user installs it, but into a .NET
/// CLI home of the run's own (DOTNET_CLI_HOME under <see cref="PackagedReproBuild.WorkRoot"/>): the user's
/// ~/.templateengine is never read or written.
/// </summary>
internal static class InstalledTemplates
{
    private static readonly Lazy<IReadOnlyDictionary<string, string?>> Environment = new(Install);

    public static string Package => Path.Combine(PackagedReproBuild.Feed, $"ReproBuild.Templates.{PackagedReproBuild.Version}.nupkg");

    /// <summary>Instantiates a template in <paramref name="directory"/>: <c>dotnet new {arguments}</c>.</summary>
    public static CommandResult New(string directory, params string[] arguments) =>
        DotNet.Run(directory, ["new", .. arguments], Environment.Value).ShouldSucceed();

    /// <summary>A CLI home for one process or a whole walkthrough: a folder of its own, nothing installed yet.</summary>
    public static IReadOnlyDictionary<string, string?> NewCliHome(string folder) => new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = folder };

    private static IReadOnlyDictionary<string, string?> Install()
    {
        var home = NewCliHome(Path.Combine(PackagedReproBuild.WorkRoot, "dotnet-home"));
        DotNet.Run(PackagedReproBuild.WorkRoot, ["new", "install", Package], home).ShouldSucceed();
        return home;
    }
}
