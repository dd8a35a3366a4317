using System.Diagnostics;
using csFastFloat;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReproBuild.Benchmarks;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

// ReproBuild validation benchmark. Every measuring command prints exactly one JSON line on stdout; notes go to stderr.
//
// Method: in one process, a warm-up over a smaller file (--warmup: at least 2 passes and 3 s, so the JIT has tiered
// up and the code paths are hot), then --runs (default 3) timed runs over the measured file with a full GC between
// them; the figure is file bytes / median wall time (Stopwatch), in MB/s (10^6 bytes per second).
// benchmarks/validation.sh runs one timed run per process, in several processes, and takes the median.

const string Usage = """
    usage:
      generate <csv> <megabytes>                 deterministic 12-column CSV (MiB), with <stem>.schema.json (constraints on every column)
                                                 and <stem>.types.schema.json (same types, no constraints) beside it
      validate <csv> <schema> [options]          DatasetInspector.Inspect with the schema (SHA-256, cast, constraints, profile)
      parse <csv> [options] [--hash] [--profile] [--tokenize-only]
                                                 raw Sep parse as DelimitedFile.Read opens it: numeric columns to double
                                                 (csFastFloat, exact, invariant), strings materialised; --hash reads through the
                                                 SHA-256 stream, --profile adds the column profiler, --tokenize-only converts nothing
      check <csv> <schema> [options]             Sep + SchemaField.Check on every cell (cast and constraints): no hash, no profile
      sha256 <file> [options]                    SHA-256 of the file alone (1 MiB reads)
      micro <csv> <schema> [--label <text>]      nanoseconds per call of the per-cell steps, over the file's first 2,000 rows
      generate-text <folder> <count> <mib>       <count> text CSVs of <mib> MiB each (the no-op and change-detection datasets)
      generate-train <csv> <rows>                a binary-classification CSV (8 numbers, a categorical, a 0/1 label)
      hash <folder> [--runs n] [--label <text>] [--library]
                                                 StatCache.Hash (the task's code) over the folder's *.csv with an empty stat cache;
                                                 --library: the same parallel loop with System.IO.Hashing's XxHash128 (the code before)
      hash-variants <folder> [--runs n]          the read/hash loop with other buffer sizes and read calls, one thread
      train-stages <csv> [--label <text>]        the engine's inspect and train steps in-process, timed one by one
    options: --warmup <smaller file> (passes over it, at least 2, for --warmup-seconds, default 3, before timing)
             --runs <n> (default 3)  --label <text>
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    switch (args[0])
    {
        case "generate" when args.Length == 3:
        {
            var clock = Stopwatch.StartNew();
            var (bytes, rows) = CsvGenerator.Generate(args[1], long.Parse(args[2], CultureInfo.InvariantCulture));
            Console.Error.WriteLine($"generated {args[1]}: {bytes:N0} bytes, {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        case "validate" when args.Length >= 3:
            return Bench.Validate(args[1], args[2], Options.Parse(args[3..]));
        case "parse" when args.Length >= 2:
            return Bench.Parse(args[1], Options.Parse(args[2..]));
        case "check" when args.Length >= 3:
            return Bench.Check(args[1], args[2], Options.Parse(args[3..]));
        case "sha256" when args.Length >= 2:
            return Bench.Sha256(args[1], Options.Parse(args[2..]));
        case "micro" when args.Length >= 3:
            return Micro.Run(args[1], args[2], Options.Parse(args[3..]));
        case "generate-text" when args.Length == 4:
        {
            var clock = Stopwatch.StartNew();
            var bytes = BuildData.GenerateText(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture));
            Console.Error.WriteLine($"generated {args[2]} files in {args[1]}: {bytes:N0} bytes in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        case "generate-train" when args.Length == 3:
            BuildData.GenerateTraining(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return 0;
        case "hash" when args.Length >= 2:
            return HashBench.Run(args[1], Options.Parse(args[2..]));
        case "hash-variants" when args.Length >= 2:
            return HashBench.Variants(args[1], Options.Parse(args[2..]));
        case "train-stages" when args.Length >= 2:
            return TrainStages.Run(args[1], Options.Parse(args[2..]));
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (BenchmarkFailure failure)
{
    Console.Error.WriteLine($"benchmark failed: {failure.Message}");
    return 1;
}

namespace ReproBuild.Benchmarks
{
    internal sealed class BenchmarkFailure(string message) : Exception(message);

    internal sealed record Options(string? Warmup, int Runs, string? Label, bool Hash, bool Profile, bool TokenizeOnly, double WarmupSeconds = 3, bool Library = false)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(null, 3, null, false, false, false);
            for (var i = 0; i < args.Length; i++)
            {
                options = args[i] switch
                {
                    "--warmup" => options with { Warmup = args[++i] },
                    "--warmup-seconds" => options with { WarmupSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture) },
                    "--runs" => options with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                    "--label" => options with { Label = args[++i] },
                    "--hash" => options with { Hash = true },
                    "--profile" => options with { Profile = true },
                    "--tokenize-only" => options with { TokenizeOnly = true },
                    "--library" => options with { Library = true },
                    _ => throw new BenchmarkFailure($"unknown option '{args[i]}'"),
                };
            }
            if (options.Runs < 1)
            {
                throw new BenchmarkFailure("--runs must be at least 1");
            }
            return options;
        }
    }

    internal static class Bench
    {
        public static int Validate(string csv, string schemaFile, Options options)
        {
            var log = new StringWriter();
            var schema = SchemaLoading.Load(schemaFile, resource: null, new DiagnosticWriter(log))
                ?? throw new BenchmarkFailure($"the schema {schemaFile} did not load:\n{log}");
            var schemaSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(schemaFile)));
            var constrained = schema.Fields.Count(f => f.Required || f.Unique) + " required/unique fields";
            DatasetSummary? last = null;

            long Run(string file, bool assertClean)
            {
                var job = new DatasetJob("benchmark", file, ',', HasHeader: true, SummaryFile: Path.Combine(Path.GetTempPath(), "reprobuild-benchmark.summary.json"));
                var output = assertClean ? new StringWriter() : TextWriter.Null;
                var diagnostics = new DiagnosticWriter(output);
                // Inspect returns null when it found anything, so every timed run is also checked for zero findings.
                var summary = DatasetInspector.Inspect(job, diagnostics, schema, schemaSha256);
                if (summary is null || diagnostics.ErrorCount > 0)
                {
                    throw new BenchmarkFailure($"validation of {file} reported findings; the benchmark data must be valid:\n{output}");
                }
                last = summary;
                return summary.Rows;
            }

            // The warm-up run (without --warmup, the first timed run) keeps the diagnostics, to show any finding in full.
            var result = Measure("validate", csv, options, file => Run(file, assertClean: true), file => Run(file, assertClean: false));
            result["schema"] = Path.GetFileName(schemaFile);
            result["schema_note"] = constrained;
            result["rows"] = last!.Rows;
            result["sha256"] = last.Sha256;
            result["peak_rss_bytes"] = PeakRss();
            Emit(result);
            return 0;
        }

        public static int Parse(string csv, Options options)
        {
            long Run(string file)
            {
                using Stream stream = options.Hash
                    ? DelimitedFile.OpenHashed(file)
                    : new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                using var reader = DelimitedFile.Read(stream, ',', file);
                bool[]? numeric = null;
                ColumnProfiler[] profilers = [];
                var first = true;
                long rows = 0;
                double sum = 0;
                long chars = 0;
                foreach (var row in reader)
                {
                    if (first)
                    {
                        first = false; // the header
                        continue;
                    }
                    if (numeric is null)
                    {
                        // The first data row decides which columns are numbers.
                        numeric = new bool[row.ColCount];
                        for (var i = 0; i < numeric.Length; i++)
                        {
                            numeric[i] = double.TryParse(row[i].Span, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                        }
                        profilers = options.Profile ? numeric.Select(_ => new ColumnProfiler()).ToArray() : [];
                    }
                    rows++;
                    if (options.TokenizeOnly)
                    {
                        for (var i = 0; i < numeric.Length; i++)
                        {
                            chars += row[i].Span.Length;
                        }
                        continue;
                    }
                    for (var i = 0; i < numeric.Length; i++)
                    {
                        var span = row[i].Span;
                        if (numeric[i])
                        {
                            // The fastest exact parser, the one validation casts with: csFastFloat (Sep's Parse<double> ports it).
                            var value = FastDoubleParser.ParseDouble(span);
                            sum += value;
                            if (options.Profile)
                            {
                                profilers[i].AddNumber(value, span);
                            }
                        }
                        else
                        {
                            var text = span.ToString();
                            chars += text.Length;
                            if (options.Profile)
                            {
                                profilers[i].AddText(span);
                            }
                        }
                    }
                }
                if (stream is HashingStream hashing)
                {
                    _ = hashing.FinishSha256();
                }
                foreach (var profiler in profilers)
                {
                    _ = profiler.Build();
                }
                GC.KeepAlive(sum);
                GC.KeepAlive(chars);
                return rows;
            }

            var name = options.TokenizeOnly ? "tokenize" : "parse";
            name += options.Hash ? "+sha256" : "";
            name += options.Profile ? "+profile" : "";
            var result = Measure(name, csv, options, Run, Run);
            Emit(result);
            return 0;
        }

        public static int Check(string csv, string schemaFile, Options options)
        {
            var log = new StringWriter();
            var schema = SchemaLoading.Load(schemaFile, resource: null, new DiagnosticWriter(log))
                ?? throw new BenchmarkFailure($"the schema {schemaFile} did not load:\n{log}");
            var fields = schema.Fields.ToArray();

            long Run(string file)
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                using var reader = DelimitedFile.Read(stream, ',', file);
                var first = true;
                long rows = 0;
                long bad = 0;
                double sum = 0;
                foreach (var row in reader)
                {
                    if (first)
                    {
                        first = false;
                        continue;
                    }
                    rows++;
                    for (var i = 0; i < fields.Length; i++)
                    {
                        var check = fields[i].Check(row[i].Span, withKey: false);
                        if (!check.IsValid)
                        {
                            bad++;
                        }
                        sum += check.Number ?? 0;
                    }
                }
                if (bad > 0)
                {
                    throw new BenchmarkFailure($"{bad} cells of {file} failed their field's check; the benchmark data must be valid.");
                }
                GC.KeepAlive(sum);
                return rows;
            }

            var result = Measure("check", csv, options, Run, Run);
            result["schema"] = Path.GetFileName(schemaFile);
            Emit(result);
            return 0;
        }

        public static int Sha256(string file, Options options)
        {
            string? digest = null;
            long Run(string path)
            {
                using var stream = DelimitedFile.OpenHashed(path);
                var buffer = new byte[1 << 20];
                while (stream.Read(buffer, 0, buffer.Length) > 0)
                {
                }
                digest = stream.FinishSha256();
                return 0;
            }

            var result = Measure("sha256", file, options, Run, Run);
            result["sha256"] = digest;
            Emit(result);
            return 0;
        }

        private static Dictionary<string, object?> Measure(string name, string file, Options options, Func<string, long> warmup, Func<string, long> timed)
        {
            WarnIfNotOptimized();
            var bytes = new FileInfo(file).Length;
            if (options.Warmup is not null)
            {
                // Passes over the smaller file, at least two and for at least WarmupSeconds: the JIT moves hot code
                // through its tiers in the background, and a single short pass can end before it has.
                var clock = Stopwatch.StartNew();
                var passes = 0;
                do
                {
                    warmup(options.Warmup);
                    passes++;
                }
                while (passes < 2 || clock.Elapsed.TotalSeconds < options.WarmupSeconds);
                Console.Error.WriteLine($"{name}: warm-up: {passes} passes over {options.Warmup} in {clock.Elapsed.TotalSeconds:F2} s");
            }
            else
            {
                Console.Error.WriteLine($"{name}: no --warmup file: the first run includes JIT warm-up");
            }
            var seconds = new List<double>();
            // CPU time (user + system, every thread) beside wall time: on a loaded machine wall time also measures
            // the scheduler, while the work a one-core run does shows in its CPU time.
            var cpuSeconds = new List<double>();
            using var process = Process.GetCurrentProcess();
            for (var run = 0; run < options.Runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var check = (options.Warmup is null && run == 0 ? warmup : timed)(file);
                clock.Stop();
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpu).TotalSeconds);
                GC.KeepAlive(check);
                seconds.Add(clock.Elapsed.TotalSeconds);
                Console.Error.WriteLine($"{name}: run {run + 1}/{options.Runs}: {clock.Elapsed.TotalSeconds:F3} s, {bytes / 1e6 / clock.Elapsed.TotalSeconds:F1} MB/s");
            }
            var sorted = seconds.Order().ToArray();
            var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            return new Dictionary<string, object?>
            {
                ["benchmark"] = name,
                ["label"] = options.Label ?? name,
                ["file_bytes"] = bytes,
                ["runs"] = options.Runs,
                ["seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
                ["cpu_seconds"] = cpuSeconds.Select(s => Math.Round(s, 4)).ToArray(),
                ["median_seconds"] = Math.Round(median, 4),
                ["mb_per_s"] = Math.Round(bytes / 1e6 / median, 1),
                ["processors"] = Environment.ProcessorCount,
                ["method"] = options.Warmup is null ? "no warm-up" : $"warm-up over a smaller file (at least 2 passes, {options.WarmupSeconds} s)",
            };
        }

        /// <summary>The process's peak resident memory (VmHWM), or null where /proc is not there.</summary>
        private static long? PeakRss()
        {
            const string Status = "/proc/self/status";
            var line = File.Exists(Status) ? File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }

        internal static void Emit(Dictionary<string, object?> result) =>
            Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        private static void WarnIfNotOptimized()
        {
            foreach (var assembly in new[] { typeof(Bench).Assembly, typeof(DatasetInspector).Assembly, typeof(DelimitedFile).Assembly })
            {
                if (assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
                {
                    Console.Error.WriteLine($"warning: {assembly.GetName().Name} is not optimized (a Debug build): build with -c Release before trusting figures.");
                }
            }
        }
    }
}
