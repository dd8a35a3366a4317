using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ReproBuild.Tasks;

/// <summary>
/// Remembers each file's content hash against its size and last-write time, so that a build where nothing
/// changed reads no data bytes: it costs one stat per file. A touched but unchanged file is hashed again and
/// found equal, so nothing downstream reruns.
/// </summary>
internal sealed class StatCache
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private bool _changed;

    private StatCache(string path, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static StatCache Load(string path)
    {
        var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                // hash \t size \t ticks \t path — a malformed line is just a cache miss.
                var parts = line.Split('\t', 4);
                if (parts.Length == 4
                    && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                {
                    entries[parts[3]] = new Entry(size, ticks, parts[0]);
                }
            }
        }
        return new StatCache(path, entries);
    }

    /// <summary>Content hashes of the given full paths; files whose stat changed are hashed in parallel.</summary>
    public IReadOnlyDictionary<string, (string Hash, long Size)> Hash(IReadOnlyCollection<string> paths)
    {
        var results = new ConcurrentDictionary<string, (string, long)>(StringComparer.Ordinal);
        var misses = new List<(string Path, long Size, long Ticks)>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            // Stat before hashing: a file written while we read it has a newer time next build and is hashed again.
            var (size, ticks) = FileStamp.Of(path) ?? throw new FileNotFoundException($"Could not find file '{path}'.", path);
            if (_entries.TryGetValue(path, out var entry) && entry.Size == size && entry.Ticks == ticks)
            {
                results[path] = (entry.Hash, size);
            }
            else
            {
                misses.Add((path, size, ticks));
            }
        }
        Parallel.ForEach(misses, miss =>
        {
            var hash = ContentHasher.XxHash128Of(miss.Path);
            _entries[miss.Path] = new Entry(miss.Size, miss.Ticks, hash);
            results[miss.Path] = (hash, miss.Size);
        });
        _changed |= misses.Count > 0;
        return results;
    }

    /// <summary>The size and time at which the file's recorded hash was taken; null when none is recorded.</summary>
    public FileStamp? Recorded(string path) => _entries.TryGetValue(path, out var entry) ? new FileStamp(entry.Size, entry.Ticks) : null;

    public void SaveIfChanged()
    {
        if (!_changed)
        {
            return;
        }
        var text = new StringBuilder();
        foreach (var (path, entry) in _entries.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{entry.Hash}\t{entry.Size}\t{entry.Ticks}\t{path}\n");
        }
        AtomicFile.WriteAllText(_path, text.ToString());
        _changed = false;
    }

    private sealed record Entry(long Size, long Ticks, string Hash);
}
