using System.Globalization;
using System.Text;

namespace ReproBuild.Benchmarks;

/// <summary>
/// Deterministic data for the whole-build benchmarks (benchmarks/run.sh): many text datasets for the no-op build
/// and change detection, and a binary-classification CSV for the training benchmarks. A fixed seed and integer
/// arithmetic only: the same arguments give the same bytes on every machine and run.
/// </summary>
internal static class BuildData
{
    private const ulong Seed = 0x5EED_B01D_2026UL;

    private const string Letters = "abcdefghijklmnopqrstuvwxyz    ";

    /// <summary>
    /// <paramref name="count"/> CSV files <c>d000.csv</c>… of <paramref name="mebibytes"/> MiB each (whole rows, at
    /// least that size): <c>id,category,note</c>, where note is 60–180 characters of letters and spaces. Text
    /// columns keep the first build's inspection to tokenising, SHA-256 and profiling, so that a 5 GB set can be
    /// inspected once inside the time budget; change detection does not care what the bytes are.
    /// </summary>
    public static long GenerateText(string directory, int count, long mebibytes)
    {
        Directory.CreateDirectory(directory);
        long total = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var path = Path.Combine(directory, $"d{index:D3}.csv");
            var target = mebibytes * 1024 * 1024;
            if (File.Exists(path) && new FileInfo(path).Length >= target && File.Exists(path + ".done"))
            {
                Interlocked.Add(ref total, new FileInfo(path).Length);
                return; // generated before with the same arguments (the marker holds them)
            }
            var random = new SplitMix64(Seed + (ulong)index * 0x1_0000_0001UL);
            var buffer = new byte[4 << 20];
            var used = 0;
            long written = 0;
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
            {
                used += Encoding.ASCII.GetBytes("id,category,note\n", buffer);
                long row = 0;
                while (written + used < target)
                {
                    if (buffer.Length - used < 256)
                    {
                        file.Write(buffer, 0, used);
                        written += used;
                        used = 0;
                    }
                    row++;
                    row.TryFormat(buffer.AsSpan(used), out var n, provider: CultureInfo.InvariantCulture);
                    used += n;
                    buffer[used++] = (byte)',';
                    buffer[used++] = (byte)'c';
                    buffer[used++] = (byte)('a' + (int)random.Below(16));
                    buffer[used++] = (byte)',';
                    var length = 60 + (int)random.Below(121);
                    var end = used + length;
                    buffer[used++] = (byte)Letters[(int)random.Below(26)]; // never a leading space
                    while (used < end)
                    {
                        var bits = random.Next();
                        for (var i = 0; i < 8 && used < end; i++, bits >>= 8)
                        {
                            buffer[used++] = (byte)Letters[(int)((bits & 0xFF) % (ulong)Letters.Length)];
                        }
                    }
                    if (buffer[used - 1] == ' ')
                    {
                        buffer[used - 1] = (byte)'z';
                    }
                    buffer[used++] = (byte)'\n';
                }
                file.Write(buffer, 0, used);
                written += used;
            }
            File.WriteAllText(path + ".done", $"{count} {mebibytes}\n");
            Interlocked.Add(ref total, written);
        });
        return total;
    }

    public static readonly string[] Segments = ["north", "south", "east", "west", "central", "coast", "mountain", "island", "metro", "rural", "suburb", "border"];

    public const int NumericFeatures = 8;

    /// <summary>
    /// A binary-classification CSV: <c>f0</c>…<c>f7</c> (decimals, <c>f3</c> missing in about 1% of rows),
    /// <c>segment</c> (12 values) and <c>label</c> (0/1) from a noisy non-linear rule, so trees have work to do.
    /// </summary>
    public static void GenerateTraining(string path, int rows)
    {
        var random = new SplitMix64(Seed ^ 0xDA7A);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.Write(string.Join(',', Enumerable.Range(0, NumericFeatures).Select(i => $"f{i}")));
        writer.Write(",segment,label\n");
        Span<double> f = stackalloc double[NumericFeatures];
        var line = new StringBuilder(128);
        for (var row = 0; row < rows; row++)
        {
            line.Clear();
            for (var i = 0; i < NumericFeatures; i++)
            {
                // Uniform in [-10, 10) with 3 decimals, as integers.
                var milli = (long)random.Below(20_000) - 10_000;
                f[i] = milli / 1000.0;
                if (i > 0)
                {
                    line.Append(',');
                }
                if (i == 3 && random.Below(100) == 0)
                {
                    f[i] = 0; // missing: the rule sees 0
                    continue;
                }
                line.Append(f[i].ToString("0.###", CultureInfo.InvariantCulture));
            }
            var segment = (int)random.Below((ulong)Segments.Length);
            var noise = ((long)random.Below(4_000) - 2_000) / 1000.0;
            var score = 0.8 * f[0] - 0.5 * f[1] + 0.3 * f[2] * f[3] / 5 + (f[4] > 2 ? 3 : -1) + Math.Abs(f[5]) * 0.4 - 2
                        + (segment % 3 - 1) * 1.5 + noise;
            line.Append(',').Append(Segments[segment]).Append(',').Append(score > 0 ? '1' : '0').Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014).</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong Below(ulong n) => (ulong)(((UInt128)Next() * n) >> 64);
    }
}
