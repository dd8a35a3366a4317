namespace ReproBuild.Tests;

/// <summary>The environment a user's shell gives a command, made from the one the test host inherited.</summary>
internal static class UserEnvironment
{
    // The outer build's MSBuild variables and the test platform's own; a user's shell has none of them.
    private static readonly string[] InheritedPrefixes = ["MSBuild", "VSTEST", "TESTINGPLATFORM"];

    // A developer's remote-cache credentials must never reach a test's build.
    private static readonly string[] Credentials = ["REPROBUILD_REMOTE_HEADER", "REPROBUILD_REMOTE_CREDENTIALS"];

    public static void Apply(IDictionary<string, string?> environment, string workingDirectory)
    {
        foreach (var key in environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToArray())
        {
            environment.Remove(key);
        }
        foreach (var key in Credentials)
        {
            environment.Remove(key);
        }
        // No MSBuild node or build server outlives a command (a test that is about node reuse turns it on itself).
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["TERM"] = "dumb";
        // Each working folder gets a model cache of its own beside it, so that one test's models are never another's
        // cache hits (and the user's own cache is left alone); tests of the cache pass REPROBUILD_CACHE themselves.
        environment["REPROBUILD_CACHE"] = Path.GetFullPath(workingDirectory).TrimEnd(Path.DirectorySeparatorChar) + ".cache";
    }
}
