using System.Buffers;
using System.Diagnostics;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using ReproBuild.Tasks;

namespace ReproBuild.Benchmarks;

/// <summary>
/// Cold change detection in-process: <see cref="StatCache.Hash"/> (the code HashDatasets runs, compiled from the
/// same source files) over every file of a folder with an empty stat cache, as after the cache file is deleted.
/// The number of cores is the process's affinity (run it under <c>taskset -c 0</c> for one core).
/// </summary>
internal static class HashBench
{
    public static int Run(string directory, Options options)
    {
        var files = Files(directory);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        var cacheFile = Path.Combine(Path.GetTempPath(), $"reprobuild-bench-stat-cache-{Environment.ProcessId}.tsv");

        string Once(out double seconds)
        {
            File.Delete(cacheFile);
            var clock = Stopwatch.StartNew();
            IReadOnlyDictionary<string, (string Hash, long Size)> hashes;
            if (options.Library)
            {
                // What StatCache.Hash did before: files in parallel, each through System.IO.Hashing's XxHash128.
                var results = new System.Collections.Concurrent.ConcurrentDictionary<string, (string, long)>(StringComparer.Ordinal);
                Parallel.ForEach(files, file => results[file] = (LibraryHash(file), new FileInfo(file).Length));
                hashes = results;
            }
            else
            {
                var cache = StatCache.Load(cacheFile); // no file: every dataset is a miss and is hashed
                hashes = cache.Hash(files);
            }
            clock.Stop();
            seconds = clock.Elapsed.TotalSeconds;
            // One digest over the sorted (path, hash) pairs: every run must give the same.
            var all = string.Join("\n", hashes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Path.GetFileName(p.Key)} {p.Value.Hash}"));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all)))[..16];
        }

        // The first call in a fresh process: what a build pays (the MSBuild node runs it once per build).
        var digest = Once(out var cold);
        var seconds = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            if (Once(out var s) != digest)
            {
                throw new BenchmarkFailure("two runs over the same files gave different hashes");
            }
            seconds.Add(s);
        }
        File.Delete(cacheFile);
        var median = Median(seconds);
        Bench.Emit(new Dictionary<string, object?>
        {
            ["benchmark"] = options.Library ? "hash-library" : "hash",
            ["label"] = options.Label ?? (options.Library ? "hash-library" : "hash"),
            ["files"] = files.Length,
            ["file_bytes"] = bytes,
            ["processors"] = Environment.ProcessorCount,
            ["first_seconds"] = Math.Round(cold, 4),
            ["seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
            ["median_seconds"] = Math.Round(median, 4),
            ["gb_per_s"] = Math.Round(bytes / 1e9 / median, 2),
            ["digest"] = digest,
        });
        return 0;
    }

    /// <summary>
    /// One thread, one file after another: the read/hash loop with other buffer sizes and read calls, to choose
    /// ContentHasher's. Interleaved rounds, fastest of each.
    /// </summary>
    public static int Variants(string directory, Options options)
    {
        var files = Files(directory);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        var variants = new List<(string Name, Func<string, UInt128> Hash)>
        {
            ("ContentHasher (as shipped)", path => UInt128.Parse(ContentHasher.XxHash128Of(path), System.Globalization.NumberStyles.HexNumber)),
        };
        foreach (var size in new[] { 64 << 10, 128 << 10, 256 << 10, 512 << 10, 1 << 20, 4 << 20 })
        {
            variants.Add(($"FileStream, {size >> 10} KiB", path => ViaFileStream(path, size)));
            variants.Add(($"RandomAccess, {size >> 10} KiB", path => ViaRandomAccess(path, size)));
        }
        var best = variants.Select(_ => double.MaxValue).ToArray();
        for (var round = 0; round < Math.Max(options.Runs, 1); round++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var file in files)
                {
                    _ = variants[v].Hash(file);
                }
                best[v] = Math.Min(best[v], clock.Elapsed.TotalSeconds);
            }
        }
        for (var v = 0; v < variants.Count; v++)
        {
            Bench.Emit(new Dictionary<string, object?>
            {
                ["benchmark"] = "hash-variant",
                ["label"] = variants[v].Name,
                ["file_bytes"] = bytes,
                ["seconds"] = Math.Round(best[v], 4),
                ["gb_per_s"] = Math.Round(bytes / 1e9 / best[v], 2),
            });
        }
        return 0;
    }

    /// <summary>ContentHasher.XxHash128Of as it was before: FileStream, 1 MiB reads, System.IO.Hashing.</summary>
    private static string LibraryHash(string path)
    {
        var hasher = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            int read;
            while ((read = stream.Read(buffer, 0, 1 << 20)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        ArrayPool<byte>.Shared.Return(buffer);
        return Convert.ToHexStringLower(hasher.GetCurrentHash());
    }

    private static UInt128 ViaFileStream(string path, int size)
    {
        var hasher = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            int read;
            while ((read = stream.Read(buffer, 0, size)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        ArrayPool<byte>.Shared.Return(buffer);
        return hasher.GetCurrentHashAsUInt128();
    }

    private static UInt128 ViaRandomAccess(string path, int size)
    {
        var hasher = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        using (SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan))
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, size), offset)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                offset += read;
            }
        }
        ArrayPool<byte>.Shared.Return(buffer);
        return hasher.GetCurrentHashAsUInt128();
    }

    private static string[] Files(string directory)
    {
        var files = Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new BenchmarkFailure($"no .csv files in {directory}");
        }
        return files;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
