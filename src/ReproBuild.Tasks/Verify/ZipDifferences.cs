using System.IO.Compression;

namespace ReproBuild.Tasks.Verify;

/// <summary>Which entries of two model zips differ: what verify mode names when a retrained model is not the locked one.</summary>
internal static class ZipDifferences
{
    /// <returns>Entry names, sorted, each with how it differs; empty when every entry has the same content.</returns>
    public static IReadOnlyList<string> Between(byte[] locked, byte[] retrained)
    {
        var before = Entries(locked);
        var after = Entries(retrained);
        var differences = new List<string>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (!after.TryGetValue(name, out var now))
            {
                differences.Add($"{name} (only in the locked model)");
            }
            else if (!before.TryGetValue(name, out var then))
            {
                differences.Add($"{name} (only in the retrained model)");
            }
            else if (!then.AsSpan().SequenceEqual(now))
            {
                differences.Add(then.Length == now.Length ? name : $"{name} ({then.Length:N0} → {now.Length:N0} bytes)");
            }
        }
        return differences;
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            entries[entry.FullName] = content.ToArray();
        }
        return entries;
    }
}
