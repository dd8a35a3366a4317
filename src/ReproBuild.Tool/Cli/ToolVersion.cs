using System.Reflection;

namespace ReproBuild.Tool;

/// <summary>The tool's package version, without the commit hash the SDK appends.</summary>
internal static class ToolVersion
{
    public static string Current { get; } =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
