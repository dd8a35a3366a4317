using System.Diagnostics;
using csFastFloat;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Validation;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Benchmarks;

/// <summary>
/// Nanoseconds per call of the steps validation takes for each cell, over the cells of the file's first rows, to
/// explain the breakdown: <c>double.Parse</c>, <c>SchemaField.Check</c>, <c>ColumnProfiler.AddNumber</c>, and the
/// schema's pattern as the engine compiles it (NonBacktracking) against the same pattern compiled for backtracking.
/// </summary>
internal static class Micro
{
    private const int Rows = 2_000;

    public static int Run(string csv, string schemaFile, Options options)
    {
        var log = new StringWriter();
        var schema = SchemaLoading.Load(schemaFile, resource: null, new DiagnosticWriter(log))
            ?? throw new BenchmarkFailure($"the schema {schemaFile} did not load:\n{log}");
        var fields = schema.Fields.ToArray();

        // The cells of the first rows, by column.
        var columns = fields.Select(_ => new List<string>()).ToArray();
        using (var stream = File.OpenRead(csv))
        using (var reader = DelimitedFile.Read(stream, ',', csv))
        {
            var first = true;
            foreach (var row in reader)
            {
                if (first)
                {
                    first = false;
                    continue;
                }
                for (var i = 0; i < columns.Length; i++)
                {
                    columns[i].Add(row[i].ToString());
                }
                if (columns[0].Count == Rows)
                {
                    break;
                }
            }
        }
        var numeric = Enumerable.Range(0, fields.Length).Where(i => fields[i].IsNumeric).ToArray();
        var numbers = numeric.SelectMany(i => columns[i].Select(cell => (Column: i, Cell: cell))).ToArray();

        var pattern = FindPattern(schemaFile);
        var patternColumn = pattern is null ? -1 : Array.FindIndex(fields, f => f.Name == pattern.Value.Field);
        var anchored = pattern is null ? "" : $"\\A(?:{pattern.Value.Pattern})\\z";

        var cases = new List<(string Name, int Calls, Func<double> Body)>
        {
            ("double_parse_ns", numbers.Length, () =>
            {
                double sum = 0;
                foreach (var (_, cell) in numbers)
                {
                    sum += double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                return sum;
            }),
            ("fast_double_parse_ns", numbers.Length, () =>
            {
                double sum = 0;
                foreach (var (_, cell) in numbers)
                {
                    sum += FastDoubleParser.ParseDouble(cell);
                }
                return sum;
            }),
            ("schema_check_numeric_ns", numbers.Length, () =>
            {
                double sum = 0;
                foreach (var (column, cell) in numbers)
                {
                    sum += fields[column].Check(cell, withKey: false).Number ?? 0;
                }
                return sum;
            }),
        };

        // Each field's check alone (cast and constraints), to find the costly ones.
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var cells = columns[i];
            cases.Add(($"check_{field.Name}_{field.Type}_ns", cells.Count, () =>
            {
                double sum = 0;
                foreach (var cell in cells)
                {
                    sum += field.Check(cell, withKey: false).Number ?? 1;
                }
                return sum;
            }));
        }

        // The profiler as validation uses it: one per column, fed every cell, so most calls are past the first
        // 10,000 values, where the reservoir sample draws a random slot for each value.
        var profilers = fields.Select(_ => new ColumnProfiler()).ToArray();
        var parsed = numbers.Select(n => (n.Column, n.Cell, Value: double.Parse(n.Cell, NumberStyles.Float, CultureInfo.InvariantCulture))).ToArray();
        cases.Add(("profiler_add_number_ns", parsed.Length, () =>
        {
            foreach (var (column, cell, value) in parsed)
            {
                profilers[column].AddNumber(value, cell);
            }
            return 0;
        }));
        var result = new Dictionary<string, object?>
        {
            ["benchmark"] = "micro",
            ["label"] = options.Label ?? "micro",
            ["unit"] = "ns per call: the fastest of 7 interleaved rounds of 0.1 s each, after a warm-up",
        };
        if (patternColumn >= 0)
        {
            var cells = columns[patternColumn];
            var nonBacktracking = new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            var compiled = new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.Compiled);
            result["pattern"] = pattern!.Value.Pattern;
            cases.Add(("pattern_nonbacktracking_ns", cells.Count, () => cells.Count(c => nonBacktracking.IsMatch(c.AsSpan()))));
            cases.Add(("pattern_compiled_ns", cells.Count, () => cells.Count(c => compiled.IsMatch(c.AsSpan()))));
        }
        foreach (var (name, nanoseconds) in PerCall(cases))
        {
            result[name] = nanoseconds;
        }
        Bench.Emit(result);
        return 0;
    }

    /// <summary>
    /// Each case's nanoseconds per call: every body runs for 0.5 s to warm up (so the JIT has tiered up), then in 7
    /// rounds each body runs for 0.1 s in turn; the fastest round counts. On a shared, noisy machine the fastest
    /// round is the closest to the cost of the code, and interleaving exposes every case to the same noise.
    /// </summary>
    private static IEnumerable<(string Name, double Nanoseconds)> PerCall(List<(string Name, int Calls, Func<double> Body)> cases)
    {
        double sink = 0;
        foreach (var (_, _, body) in cases)
        {
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 500)
            {
                sink += body();
            }
        }
        var best = cases.Select(_ => double.MaxValue).ToArray();
        for (var round = 0; round < 7; round++)
        {
            for (var c = 0; c < cases.Count; c++)
            {
                var clock = Stopwatch.StartNew();
                long total = 0;
                while (clock.ElapsedMilliseconds < 100)
                {
                    sink += cases[c].Body();
                    total += cases[c].Calls;
                }
                best[c] = Math.Min(best[c], clock.Elapsed.TotalNanoseconds / total);
            }
        }
        GC.KeepAlive(sink);
        return cases.Select((c, i) => (c.Name, Math.Round(best[i], 1)));
    }

    private static (string Field, string Pattern)? FindPattern(string schemaFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(schemaFile));
        foreach (var field in document.RootElement.GetProperty("fields").EnumerateArray())
        {
            if (field.TryGetProperty("constraints", out var constraints) && constraints.TryGetProperty("pattern", out var pattern))
            {
                return (field.GetProperty("name").GetString()!, pattern.GetString()!);
            }
        }
        return null;
    }
}
