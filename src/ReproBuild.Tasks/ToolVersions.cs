using System.Reflection;

namespace ReproBuild.Tasks;

/// <summary>The versions that take part in every fingerprint: this package's (tasks and engine ship together) and ML.NET's.</summary>
internal static class ToolVersions
{
    public static string Engine { get; } = ReadEngineVersion();

    public static string MicrosoftML { get; } = typeof(ToolVersions).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "ReproBuild.MicrosoftMLVersion").Value!;

    // The package version without build metadata: the commit hash would change every fingerprint on every commit.
    private static string ReadEngineVersion()
    {
        var informational = typeof(ToolVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
