using System.Reflection;
using System.Runtime.Loader;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>Reads what a build stamped into an assembly, from a copy of its bytes (the file stays unlocked).</summary>
internal static class BuiltAssembly
{
    public static Assembly Load(string path) =>
        new AssemblyLoadContext($"built-{Guid.NewGuid():N}", isCollectible: true).LoadFromStream(new MemoryStream(File.ReadAllBytes(path)));

    public static IReadOnlyDictionary<string, string?> Metadata(Assembly assembly) =>
        assembly.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == typeof(AssemblyMetadataAttribute).FullName)
            .ToDictionary(a => (string)a.ConstructorArguments[0].Value!, a => (string?)a.ConstructorArguments[1].Value);
}
