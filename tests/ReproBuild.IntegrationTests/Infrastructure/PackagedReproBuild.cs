namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Packs ReproBuild, ReproBuild.Runtime, ReproBuild.Testing, ReproBuild.Pipelines and ReproBuild.Templates (whose templates reference the
/// others at this version) once per test run, with a version of their own, into a
/// temporary feed that every test project restores from. Everything the run makes stays in its temporary
/// <see cref="WorkRoot"/>, the packages it restores included (<see cref="Packages"/>): the user's NuGet folder only
/// lends the third-party packages it already has, and is never written.
/// </summary>
[TestClass]
public static class PackagedReproBuild
{
    private static TempFolder? _workRoot;

    public static string Version { get; private set; } = "";

    public static string Feed { get; private set; } = "";

    /// <summary>A temporary folder outside the repository that holds every test project of this run.</summary>
    public static string WorkRoot => _workRoot?.Path ?? throw new InvalidOperationException("The test run has not started.");

    /// <summary>The NuGet packages folder of every process the tests start, under <see cref="WorkRoot"/>.</summary>
    public static TestPackagesFolder Packages { get; private set; } = null!;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    [AssemblyInitialize]
    public static void Pack(TestContext context)
    {
        _workRoot = new TempFolder("it");
        Feed = Path.Combine(WorkRoot, "feed");
        Directory.CreateDirectory(Feed);
        // Directory.Build.* files here stop MSBuild from walking further up into whatever /tmp holds.
        File.WriteAllText(Path.Combine(WorkRoot, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(WorkRoot, "Directory.Build.targets"), "<Project />");
        var release = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(.+?)</VersionPrefix>").Groups[1].Value;
        Version = $"{release}-it.{DateTime.UtcNow:yyyyMMddHHmmss}";

        // A unique package version keeps NuGet's caches honest; the tool version that goes into fingerprints stays the
        // release's, so that the sample's committed lock file holds for the package under test (locked and verify mode).
        // Packing restores the repository's own projects, so it runs with the user's packages folder, as a developer's
        // build does; their obj/ must not point at a folder that goes with the run.
        foreach (var project in new[] { "src/ReproBuild.Runtime/ReproBuild.Runtime.csproj", "src/ReproBuild.Tasks/ReproBuild.Tasks.csproj", "src/ReproBuild.Testing/ReproBuild.Testing.csproj", "src/ReproBuild.Serving/ReproBuild.Serving.csproj", "src/ReproBuild.Pipelines/ReproBuild.Pipelines.csproj", "src/ReproBuild.Templates/ReproBuild.Templates.csproj", "src/ReproBuild.Tool/ReproBuild.Tool.csproj" })
        {
            DotNet.Run(RepositoryRoot, ["pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", $"-p:InformationalVersion={release}"], timeout: TimeSpan.FromMinutes(8)).ShouldSucceed();
        }

        Packages = new TestPackagesFolder(Path.Combine(WorkRoot, "packages"));
        Processes.SetForEveryProcess(Packages.Variables);
    }

    [AssemblyCleanup]
    public static void Cleanup() => _workRoot?.Dispose();

    /// <summary>A new, empty folder under <see cref="WorkRoot"/> named after <paramref name="name"/> (a test's name).</summary>
    public static string NewFolder(string name)
    {
        var directory = Path.Combine(WorkRoot, $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReproBuild.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests must run from inside the ReproBuild repository.");
    }
}
