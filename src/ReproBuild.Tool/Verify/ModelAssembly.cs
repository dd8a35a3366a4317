using System.Reflection;
using System.Runtime.Loader;
using ReproBuild.Runtime;

namespace ReproBuild.Tool.Verify;

/// <summary>
/// A built assembly with embedded models, read in a collectible load context of its own: the user's assembly is
/// read, never run, and does not stay loaded once disposed.
/// </summary>
internal sealed class ModelAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private ModelAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Loads the assembly; an error when it does not exist, is not .NET, or embeds no models.</summary>
    public static ModelAssembly Open(string path)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            throw new ToolError($"{file} does not exist. Name a built assembly (bin/…/MyModels.dll).");
        }
        var context = new AssemblyLoadContext($"reprobuild {Path.GetFileName(file)}", isCollectible: true);
        var directory = Path.GetDirectoryName(file)!;
        context.Resolving += (loader, name) =>
            File.Exists(Path.Combine(directory, name.Name + ".dll")) ? loader.LoadFromAssemblyPath(Path.Combine(directory, name.Name + ".dll")) : null;
        try
        {
            Assembly assembly;
            try
            {
                using var stream = new MemoryStream(File.ReadAllBytes(file));
                assembly = context.LoadFromStream(stream);
            }
            catch (BadImageFormatException)
            {
                throw new ToolError($"{file} is not a .NET assembly. Name the assembly of a project that trains models (bin/…/MyModels.dll).");
            }
            if (EmbeddedModel.Names(assembly).Count == 0)
            {
                throw new ToolError($"{file} embeds no ReproBuild models (no ReproBuild/<Model>.zip resources). Name the assembly of the project that declares the Model items.");
            }
            return new ModelAssembly(context, assembly);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    public IReadOnlyList<string> Names => EmbeddedModel.Names(Assembly);

    public void Dispose() => _context.Unload();
}
