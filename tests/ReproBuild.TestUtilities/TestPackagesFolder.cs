namespace ReproBuild.Tests;

/// <summary>
/// NuGet's packages folder for the dotnet processes of a test run, inside the run's own temporary folder. The
/// packages the tests make — ReproBuild at the run's prerelease version, the tool — are extracted there and go
/// with the folder, so a test run leaves nothing in the user's ~/.nuget/packages, even when it is killed. The
/// user's folder stays readable as a NuGet fallback folder: the third-party packages a test project needs
/// (Microsoft.ML, MSTest, …) are used from there in place, neither downloaded nor copied.
/// </summary>
public sealed class TestPackagesFolder(string path)
{
    public string Path { get; } = path;

    /// <summary>The user's global packages folder, as NuGet finds it.</summary>
    public static string UserFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Where a package is extracted (NuGet's layout: lower-case id and version).</summary>
    public string PackageFolder(string id, string version) => System.IO.Path.Combine(Path, id.ToLowerInvariant(), version.ToLowerInvariant());

    /// <summary>
    /// For <see cref="Processes"/>: NUGET_PACKAGES, and the user's folder first among the fallback folders (NuGet
    /// separates them with ';' on every system; the variable stands in for the fallback folders of nuget.config).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Variables => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = Path,
        ["NUGET_FALLBACK_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_FALLBACK_PACKAGES") is { Length: > 0 } more
            ? $"{UserFolder};{more}"
            : UserFolder,
    };
}
