namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// The <c>reprobuild</c> tool from this run's feed, installed as a local tool in a folder of its own (with its own
/// <c>DOTNET_CLI_HOME</c>), the way a user installs it: one per test class, in its <c>ClassInitialize</c>.
/// </summary>
internal sealed class InstalledTool
{
    private InstalledTool(string folder, Dictionary<string, string?> environment)
    {
        Folder = folder;
        Environment = environment;
    }

    /// <summary>Where the tool manifest is: commands run here.</summary>
    public string Folder { get; }

    /// <summary>What every command of the tool needs in its environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public static InstalledTool Install(string name)
    {
        var folder = PackagedReproBuild.NewFolder(name);
        var tools = Path.Combine(folder, "tools");
        Directory.CreateDirectory(tools);
        UserProject.WriteUserSetup(tools);
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home") };
        DotNet.Run(tools, ["new", "tool-manifest"], environment).ShouldSucceed();
        DotNet.Run(tools, ["tool", "install", "--local", "ReproBuild.Tool", "--version", PackagedReproBuild.Version], environment).ShouldSucceed();
        return new InstalledTool(tools, environment);
    }

    /// <summary>Runs <c>dotnet reprobuild …</c>, with <paramref name="environment"/> added to the tool's own.</summary>
    public CommandResult Run(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var all = new Dictionary<string, string?>(Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return DotNet.Run(Folder, ["reprobuild", .. arguments], all);
    }
}
