using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Code;

/// <summary>
/// Finds the compiled library that defines a model's custom pipeline among the projects the model project references,
/// by reading type definitions from the assemblies' metadata (nothing is loaded into MSBuild), and fingerprints what
/// the engine will run: the <see cref="CompiledCode"/> digest of that library and of the assemblies it references, as
/// its output folder holds them (with its deps.json). Other files in the folder — a renamed project's leftovers — do
/// not count, so every clone that compiles the same code gets the same digest.
/// </summary>
internal sealed class PipelineReferences(IReadOnlyList<string> assemblies)
{
    private readonly Dictionary<string, HashSet<string>> _typesByAssembly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _codeDigests = new(StringComparer.Ordinal);

    /// <summary>From the <c>ReferencePath</c> items of project references (their implementation assemblies).</summary>
    public static PipelineReferences From(IEnumerable<ITaskItem> references) =>
        new([.. references.Select(r => Path.GetFullPath(r.ItemSpec)).Where(File.Exists).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    /// <summary>The model's pipeline code and the assembly that defines it, or null after reporting why there is none.</summary>
    public (PipelineCode Code, string Assembly)? Resolve(ITaskItem item, ModelItem model, ItemProblems problems)
    {
        var type = model.Pipeline!;
        var defining = assemblies.Where(assembly => TypesOf(assembly).Contains(type)).ToArray();
        if (defining.Length != 1)
        {
            var referenced = assemblies.Count == 0
                ? "the project references no project; add a ProjectReference to the class library that defines it"
                : $"the referenced projects' assemblies are {string.Join(", ", assemblies.Select(Path.GetFileName))}";
            var problem = defining.Length == 0 ? $"no project this project references defines type '{type}' ({referenced})" : $"type '{type}' is defined in more than one referenced assembly ({string.Join(", ", defining.Select(Path.GetFileName))})";
            problems.ErrorAtElement(item, "Model", ErrorCodes.PipelineNotFound, $"Model '{model.Name}' has Pipeline '{type}', but {problem}.");
            return null;
        }
        if (!_codeDigests.TryGetValue(defining[0], out var digest))
        {
            _codeDigests[defining[0]] = digest = CompiledCode.DigestOfFiles(LoadedFiles(defining[0]), CompiledCode.DigestOfFile);
        }
        return (new PipelineCode(type, Path.GetFileNameWithoutExtension(defining[0]), digest), defining[0]);
    }

    /// <summary>
    /// The library, every assembly it references directly or through another that its folder holds, and its deps.json:
    /// the files the engine's load context reads. Relative to the folder.
    /// </summary>
    internal static IReadOnlyList<(string Relative, string Full)> LoadedFiles(string assembly)
    {
        var folder = Path.GetDirectoryName(assembly)!;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([assembly]);
        while (pending.TryPop(out var path))
        {
            if (!files.TryAdd(Path.GetFileName(path), path))
            {
                continue;
            }
            foreach (var reference in ReferencedNames(path))
            {
                var candidate = Path.Combine(folder, reference + ".dll");
                if (File.Exists(candidate))
                {
                    pending.Push(candidate);
                }
            }
        }
        var deps = Path.ChangeExtension(assembly, ".deps.json");
        if (File.Exists(deps))
        {
            files[Path.GetFileName(deps)] = deps;
        }
        return [.. files.Select(file => (file.Key, file.Value))];
    }

    private static IEnumerable<string> ReferencedNames(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        if (!reader.HasMetadata)
        {
            return [];
        }
        var metadata = reader.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))];
    }

    private HashSet<string> TypesOf(string assembly)
    {
        if (!_typesByAssembly.TryGetValue(assembly, out var types))
        {
            _typesByAssembly[assembly] = types = ReadTypeNames(assembly);
        }
        return types;
    }

    /// <summary>Full names of the types an assembly defines, nested types as <c>Outer+Inner</c> (reflection's spelling).</summary>
    internal static HashSet<string> ReadTypeNames(string assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(assembly);
            using var reader = new PEReader(stream);
            if (!reader.HasMetadata)
            {
                return names;
            }
            var metadata = reader.GetMetadataReader();
            foreach (var handle in metadata.TypeDefinitions)
            {
                names.Add(FullName(metadata, metadata.GetTypeDefinition(handle)));
            }
        }
        catch (BadImageFormatException)
        {
            // Not a .NET assembly (a native library referenced by path): it defines no pipeline.
        }
        return names;
    }

    private static string FullName(MetadataReader metadata, TypeDefinition type)
    {
        var name = metadata.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return $"{FullName(metadata, metadata.GetTypeDefinition(declaring))}+{name}";
        }
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }
}
