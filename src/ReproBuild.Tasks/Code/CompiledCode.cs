using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace ReproBuild.Tasks.Code;

/// <summary>
/// The digest of compiled code: what a program or library does, not how it was built. A deterministic compiler
/// still writes values into an assembly that change with edits that leave the code alone — a comment or a blank
/// line changes the PDB, whose ID and checksum the assembly carries, and with them the MVID and the PE timestamp
/// the compiler derives from its content hash; the SDK appends the git commit to the informational version. Those
/// are blanked before hashing, so a stage (or a custom pipeline) reruns when its code changes and not otherwise.
/// Any other file — a native library, runtimeconfig.json, deps.json — counts byte for byte.
/// </summary>
internal static class CompiledCode
{
    /// <summary>One digest for a folder of program files (relative paths and their digests, sorted); PDBs and XML docs are left out.</summary>
    /// <param name="fileDigests">Each file's digest by full path; <see cref="DigestOfFile"/> when the caller has none cached.</param>
    public static string DigestOfFolder(string folder, Func<string, string> fileDigests) =>
        DigestOfFiles(ProgramFiles(folder), fileDigests);

    /// <summary>One digest for some program files of a folder, by their relative paths ('/' separators) and digests, sorted.</summary>
    public static string DigestOfFiles(IEnumerable<(string Relative, string Full)> files, Func<string, string> fileDigests)
    {
        var text = new StringBuilder();
        foreach (var (relative, full) in files.OrderBy(file => file.Relative, StringComparer.Ordinal))
        {
            text.Append(relative).Append('\t').Append(fileDigests(full)).Append('\n');
        }
        return Sha256Digest.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The files of a program's output folder that decide what it does: everything but symbols and docs, sorted by relative path ('/' separators).</summary>
    public static IReadOnlyList<(string Relative, string Full)> ProgramFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => !IsBuildByproduct(path))
            .Select(path => (Relative: Path.GetRelativePath(folder, path).Replace('\\', '/'), Full: path))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)];

    /// <summary>SHA-256 of a file, with the build-only values of a .NET assembly blanked; any other file as it is.</summary>
    public static string DigestOfFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        BlankBuildValues(bytes);
        return Sha256Digest.Of(bytes);
    }

    private static bool IsBuildByproduct(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pdb" or ".xml" or ".dbg" or ".dwarf";

    /// <summary>Zeroes, in place, what a deterministic build derives from things other than code. Leaves non-assemblies alone.</summary>
    internal static void BlankBuildValues(byte[] image)
    {
        if (image.Length < 2 || image[0] != 'M' || image[1] != 'Z')
        {
            return;
        }
        var ranges = new List<(int Start, int Length)>();
        try
        {
            using var reader = new PEReader(new MemoryStream(image, writable: false));
            var headers = reader.PEHeaders;
            // COFF TimeDateStamp and the optional header's CheckSum: both hashes of the content in deterministic builds.
            ranges.Add((headers.CoffHeaderStartOffset + 4, 4));
            ranges.Add((headers.PEHeaderStartOffset + 64, 4));

            // The debug directory: CodeView (PDB ID, age, path), PDB checksum and their time stamps.
            var debugTable = headers.PEHeader!.DebugTableDirectory;
            if (debugTable.Size > 0 && headers.TryGetDirectoryOffset(debugTable, out var tableOffset))
            {
                ranges.Add((tableOffset, debugTable.Size));
                foreach (var entry in reader.ReadDebugDirectory())
                {
                    if (entry.DataPointer > 0 && entry.DataSize > 0)
                    {
                        ranges.Add((entry.DataPointer, entry.DataSize));
                    }
                }
            }

            if (reader.HasMetadata)
            {
                var metadata = reader.GetMetadataReader();
                var metadataStart = headers.MetadataStartOffset;
                var mvid = metadata.GetModuleDefinition().Mvid;
                if (!mvid.IsNil)
                {
                    var index = MetadataTokens.GetHeapOffset(mvid); // GUID heap indexes count from 1, 16 bytes each
                    ranges.Add((metadataStart + metadata.GetHeapMetadataOffset(HeapIndex.Guid) + ((index - 1) * 16), 16));
                }
                if (SourceRevision(metadata) is { } revision)
                {
                    var start = metadataStart + metadata.GetHeapMetadataOffset(HeapIndex.Blob) + revision.Start;
                    ranges.Add((start, revision.Length));
                    // The Win32 version resource repeats it as the ProductVersion, in UTF-16.
                    var utf16 = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(image, start, revision.Length));
                    foreach (var section in headers.SectionHeaders.Where(s => s.Name == ".rsrc"))
                    {
                        ranges.AddRange(Occurrences(image, section.PointerToRawData, section.SizeOfRawData, utf16));
                    }
                }
            }
        }
        catch (BadImageFormatException)
        {
            return; // an MZ file that is not a valid PE: counted byte for byte
        }
        foreach (var (start, length) in ranges)
        {
            if (start >= 0 && length > 0 && start + length <= image.Length)
            {
                image.AsSpan(start, length).Clear();
            }
        }
    }

    private static IEnumerable<(int Start, int Length)> Occurrences(byte[] image, int start, int length, byte[] pattern)
    {
        var end = Math.Min(image.Length, start + length);
        var at = start;
        while (at < end && image.AsSpan(at, end - at).IndexOf(pattern) is var found and >= 0)
        {
            yield return (at + found, pattern.Length);
            at += found + pattern.Length;
        }
    }

    /// <summary>
    /// The '+revision' suffix of AssemblyInformationalVersionAttribute (the SDK appends the git commit), as a range in
    /// the blob heap; null when there is none.
    /// </summary>
    private static (int Start, int Length)? SourceRevision(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (AttributeTypeName(metadata, attribute) != "System.Reflection.AssemblyInformationalVersionAttribute")
            {
                continue;
            }
            var blob = metadata.GetBlobReader(attribute.Value);
            var blobStart = MetadataTokens.GetHeapOffset(attribute.Value);
            // Prolog 0x0001, then a SerString: compressed length, UTF-8 bytes.
            if (blob.Length < 3 || blob.ReadUInt16() != 1 || !blob.TryReadCompressedInteger(out var length) || length <= 0 || length > blob.RemainingBytes)
            {
                return null;
            }
            var headerLength = blob.Offset;
            var value = blob.ReadBytes(length);
            var plus = Array.IndexOf(value, (byte)'+');
            if (plus < 0)
            {
                return null;
            }
            // The blob heap offset points at the blob's own compressed size; the reader starts after it.
            var sizePrefix = BlobSizePrefixLength(metadata, attribute.Value);
            return (blobStart + sizePrefix + headerLength + plus, length - plus);
        }
        return null;
    }

    private static int BlobSizePrefixLength(MetadataReader metadata, BlobHandle handle)
    {
        var size = metadata.GetBlobReader(handle).Length;
        return size < 0x80 ? 1 : size < 0x4000 ? 2 : 4;
    }

    private static string? AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type;
        if (attribute.Constructor.Kind == HandleKind.MemberReference)
        {
            type = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        }
        else if (attribute.Constructor.Kind == HandleKind.MethodDefinition)
        {
            type = metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        }
        else
        {
            return null;
        }
        return type.Kind switch
        {
            HandleKind.TypeReference => Name(metadata.GetTypeReference((TypeReferenceHandle)type)),
            HandleKind.TypeDefinition => $"{metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace)}.{metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name)}",
            _ => null,
        };

        string Name(TypeReference reference) => $"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}";
    }
}
