namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// Packs ReproBuild, ReproBuild.Runtime and ReproBuild.Testing once per test run, with a version of their own, into a temporary
/// feed that every test project restores from. The unique version means a package cached by an earlier run can
/// never stand in for this one; cleanup removes it from the NuGet cache again.
/// </summary>
[TestClass]
public static class PackagedReproBuild
{
    public static string Version { get; private set; } = "";

    public static string Feed { get; private set; } = "";

    /// <summary>A temporary folder outside the repository that holds every test project of this run.</summary>
    public static string WorkRoot { get; private set; } = "";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    [AssemblyInitialize]
    public static void Pack(TestContext context)
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), $"reprobuild-it-{Guid.NewGuid():N}"[..24]);
        Feed = Path.Combine(WorkRoot, "feed");
        Directory.CreateDirectory(Feed);
        // Directory.Build.* files here stop MSBuild from walking further up into whatever /tmp holds.
        File.WriteAllText(Path.Combine(WorkRoot, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(WorkRoot, "Directory.Build.targets"), "<Project />");
        var release = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(.+?)</VersionPrefix>").Groups[1].Value;
        Version = $"{release}-it.{DateTime.UtcNow:yyyyMMddHHmmss}";

        // A unique package version keeps NuGet's caches honest; the tool version that goes into fingerprints stays the
        // release's, so that the sample's committed lock file holds for the package under test (locked and verify mode).
        foreach (var project in new[] { "src/ReproBuild.Runtime/ReproBuild.Runtime.csproj", "src/ReproBuild.Tasks/ReproBuild.Tasks.csproj", "src/ReproBuild.Testing/ReproBuild.Testing.csproj" })
        {
            DotNet.Run(RepositoryRoot, ["pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", $"-p:InformationalVersion={release}"], timeout: TimeSpan.FromMinutes(8)).ShouldSucceed();
        }
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        TryDelete(WorkRoot);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "reprobuild", "reprobuild.runtime", "reprobuild.testing" })
        {
            TryDelete(Path.Combine(packages, id, Version));
        }
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
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
