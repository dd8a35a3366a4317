using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace ReproBuild.Engine.Outputs;

/// <summary>
/// Rewrites the zip ML.NET saves into one canonical form: entries sorted by ordinal name, stored uncompressed,
/// every timestamp 1980-01-01, no attributes, "made by" MS-DOS. ML.NET stamps the current time into each entry,
/// and .NET's own zip writer records the writing OS and depends on the compressor build; this form has none of
/// that, so the same model gives the same bytes on every machine and OS. ML.NET loads it like any zip.
/// </summary>
internal static class CanonicalZip
{
    private const ushort DosDate1980January1 = (0 << 9) | (1 << 5) | 1;
    private const ushort VersionMadeByMsDos20 = 20;
    private const ushort VersionNeededStored = 10;
    private const ushort Utf8NamesFlag = 1 << 11;

    public static byte[] Rewrite(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = archive.Entries
            .Where(entry => !entry.FullName.EndsWith('/'))
            .Select(entry => (Name: entry.FullName.Replace('\\', '/'), Content: ReadAll(entry)))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
        return Write(entries);
    }

    public static byte[] Write(IReadOnlyList<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        var central = new MemoryStream();
        foreach (var (name, content) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var flags = nameBytes.Length == name.Length ? (ushort)0 : Utf8NamesFlag;
            var crc = Crc32.HashToUInt32(content);
            var offset = checked((uint)output.Position);
            var size = checked((uint)content.Length);

            Write32(output, 0x04034b50);
            Write16(output, VersionNeededStored);
            Write16(output, flags);
            Write16(output, 0); // stored
            Write16(output, 0); // time 00:00
            Write16(output, DosDate1980January1);
            Write32(output, crc);
            Write32(output, size);
            Write32(output, size);
            Write16(output, checked((ushort)nameBytes.Length));
            Write16(output, 0); // no extra field
            output.Write(nameBytes);
            output.Write(content);

            Write32(central, 0x02014b50);
            Write16(central, VersionMadeByMsDos20);
            Write16(central, VersionNeededStored);
            Write16(central, flags);
            Write16(central, 0);
            Write16(central, 0);
            Write16(central, DosDate1980January1);
            Write32(central, crc);
            Write32(central, size);
            Write32(central, size);
            Write16(central, checked((ushort)nameBytes.Length));
            Write16(central, 0); // extra
            Write16(central, 0); // comment
            Write16(central, 0); // disk
            Write16(central, 0); // internal attributes
            Write32(central, 0); // external attributes
            Write32(central, offset);
            central.Write(nameBytes);
        }

        var centralOffset = checked((uint)output.Position);
        central.Position = 0;
        central.CopyTo(output);
        Write32(output, 0x06054b50);
        Write16(output, 0);
        Write16(output, 0);
        Write16(output, checked((ushort)entries.Count));
        Write16(output, checked((ushort)entries.Count));
        Write32(output, checked((uint)central.Length));
        Write32(output, centralOffset);
        Write16(output, 0);
        return output.ToArray();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void Write16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void Write32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
