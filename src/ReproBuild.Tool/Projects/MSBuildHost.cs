using Microsoft.Build.Locator;

namespace ReproBuild.Tool.Projects;

/// <summary>
/// Loads the MSBuild of the .NET SDK that <c>dotnet build</c> would use in the project's folder (global.json
/// included), so the tool evaluates projects exactly as the build does. It must run before any Microsoft.Build
/// type is touched; the code that uses them lives in other classes for that reason.
/// </summary>
internal static class MSBuildHost
{
    private static readonly Lock Gate = new();

    /// <summary>The folder of the MSBuild in use, once registered.</summary>
    public static string? MSBuildPath { get; private set; }

    public static void EnsureRegistered(string projectDirectory)
    {
        lock (Gate)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return;
            }
            var instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
            {
                DiscoveryTypes = DiscoveryType.DotNetSdk,
                WorkingDirectory = projectDirectory,
            }).FirstOrDefault()
                ?? throw new ToolError($"No .NET SDK was found for '{projectDirectory}': reprobuild evaluates projects with the MSBuild of an installed .NET SDK. Install the .NET SDK the project needs (see its global.json, if any), or set DOTNET_ROOT to where it is.");
            MSBuildLocator.RegisterInstance(instance);
            MSBuildPath = instance.MSBuildPath;
        }
    }
}
