using System.Reflection;

namespace ReproBuild.Tool.Tests.Infrastructure;

/// <summary>Where this repository and its freshly built tool are, as the test project was built.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("ReproBuild.Tests.RepositoryRoot");

    /// <summary>The configuration the tests (and so the tasks, engine and tool) were built in.</summary>
    public static string Configuration { get; } = Metadata("ReproBuild.Tests.Configuration");

    public static string ToolAssembly => Path.Combine(Root, "src", "ReproBuild.Tool", "bin", Configuration, "net10.0", "reprobuild.dll");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
