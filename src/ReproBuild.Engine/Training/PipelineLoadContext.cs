using System.Reflection;
using System.Runtime.Loader;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Loads a custom pipeline's library and the assemblies it depends on from its output folder, in a context of its
/// own, so that its dependencies never replace the engine's. Every assembly the engine itself ships — Microsoft.ML
/// and its trainers, ReproBuild.Pipelines, the framework — is shared instead: the estimator the library returns must
/// be made of the engine's types, or the engine could neither fit nor save it.
/// </summary>
internal sealed class PipelineLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> EngineAssemblies = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly string _folder;
    private readonly AssemblyDependencyResolver _resolver;

    public PipelineLoadContext(string assemblyPath)
        : base($"ReproBuild pipeline {Path.GetFileName(assemblyPath)}")
    {
        _folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || EngineAssemblies.Contains(assemblyName.Name))
        {
            return null;
        }
        var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
