namespace ReproBuild.Tasks;

/// <summary>The dotnet host that runs this build (MSBuild sets DOTNET_HOST_PATH), else the first on PATH: it runs the engine and .NET stage programs.</summary>
internal static class DotNetHost
{
    public static string Path
    {
        get
        {
            var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            return name;
        }
    }
}
