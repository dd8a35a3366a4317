using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ReproBuild.Benchmarks;

/// <summary>
/// Writes a deterministic CSV of 12 columns — 10 numeric (4 integers, 6 decimals, some negative) and 2 strings (a
/// categorical of 20 values and a free-text-ish id) — and two Table Schemas beside it: <c>&lt;stem&gt;.schema.json</c>
/// with a constraint on every column; for the cost breakdown, <c>&lt;stem&gt;.types.schema.json</c> with the same
/// fields and types and no constraints, and <c>&lt;stem&gt;.nopattern.schema.json</c> with every constraint but the
/// id's pattern. A fixed seed and integer arithmetic only: the same size gives the same
/// bytes on every machine and run.
/// </summary>
internal static class CsvGenerator
{
    public const ulong Seed = 0x5EED_2024_0601UL;

    public static readonly string[] Regions =
    [
        "amsterdam", "athens", "berlin", "bratislava", "brussels", "bucharest", "budapest", "copenhagen", "dublin", "helsinki",
        "lisbon", "ljubljana", "luxembourg", "madrid", "paris", "prague", "riga", "rome", "tallinn", "vienna",
    ];

    private const string IdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A numeric column: values are whole multiples of 10^-Decimals in [Low, High] (scaled integers).</summary>
    private sealed record Numeric(string Name, string Type, long Low, long High, int Decimals, string Constraints);

    // Column order in the file: id, then the numbers with the categorical among them.
    private static readonly Numeric[] Numbers =
    [
        new("age", "integer", 18, 90, 0, """{ "required": true, "minimum": 0, "maximum": 120 }"""),
        new("quantity", "integer", 1, 500, 0, """{ "minimum": 1, "maximum": 1000 }"""),
        new("balance_change", "integer", -50_000, 50_000, 0, """{ "minimum": -100000, "maximum": 100000 }"""),
        new("event_time", "integer", 1_600_000_000, 1_700_000_000, 0, """{ "required": true, "minimum": 1500000000, "maximum": 1800000000 }"""),
        new("price", "number", 1, 999_999, 2, """{ "required": true, "exclusiveMinimum": 0, "maximum": 10000 }"""),
        new("discount", "number", 0, 10_000, 4, """{ "minimum": 0, "maximum": 1 }"""),
        new("temperature", "number", -400, 500, 1, """{ "minimum": -60, "maximum": 60 }"""),
        new("latitude", "number", -90_000_000, 90_000_000, 6, """{ "minimum": -90, "maximum": 90 }"""),
        new("longitude", "number", -180_000_000, 180_000_000, 6, """{ "minimum": -180, "maximum": 180 }"""),
        new("score", "number", -1_000_000, 1_000_000, 3, """{ "minimum": -1000, "maximum": 1000 }"""),
    ];

    private const string IdPattern = "[a-z]{3}-[0-9a-z]{6,12}";

    public static (long Bytes, long Rows) Generate(string path, long megabytes)
    {
        var target = megabytes * 1024 * 1024;
        var random = new SplitMix64(Seed);
        var buffer = new byte[8 << 20];
        var used = 0;
        long written = 0;
        long rows = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);

        var header = "id,region," + string.Join(',', Numbers.Select(n => n.Name)) + "\n";
        used += Encoding.ASCII.GetBytes(header, buffer);

        var regions = Regions.Select(Encoding.ASCII.GetBytes).ToArray();
        var pow10 = new long[10];
        pow10[0] = 1;
        for (var i = 1; i < pow10.Length; i++)
        {
            pow10[i] = pow10[i - 1] * 10;
        }

        while (written + used < target)
        {
            if (buffer.Length - used < 512)
            {
                file.Write(buffer, 0, used);
                written += used;
                used = 0;
            }
            var row = buffer.AsSpan(used);
            var at = 0;

            // id: three letters, '-', 6 to 12 base-36 characters.
            for (var i = 0; i < 3; i++)
            {
                row[at++] = (byte)('a' + (int)random.Below(26));
            }
            row[at++] = (byte)'-';
            var idLength = 6 + (int)random.Below(7);
            for (var i = 0; i < idLength; i++)
            {
                row[at++] = (byte)IdAlphabet[(int)random.Below(36)];
            }
            row[at++] = (byte)',';

            // region: skewed a little (two draws, the smaller wins) so the profile is not flat.
            var region = (int)Math.Min(random.Below(20), random.Below(20) + random.Below(3));
            regions[Math.Min(region, 19)].CopyTo(row[at..]);
            at += regions[Math.Min(region, 19)].Length;

            foreach (var number in Numbers)
            {
                row[at++] = (byte)',';
                var value = number.Low + (long)random.Below((ulong)(number.High - number.Low + 1));
                at += WriteScaled(row[at..], value, number.Decimals, pow10);
            }
            row[at++] = (byte)'\n';
            used += at;
            rows++;
        }
        file.Write(buffer, 0, used);
        written += used;

        var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
        File.WriteAllText(stem + ".schema.json", Schema(withConstraints: true, withPattern: true));
        File.WriteAllText(stem + ".types.schema.json", Schema(withConstraints: false, withPattern: false));
        File.WriteAllText(stem + ".nopattern.schema.json", Schema(withConstraints: true, withPattern: false));
        return (written, rows);
    }

    /// <summary>Writes value / 10^decimals with exactly <paramref name="decimals"/> fraction digits (none for 0).</summary>
    private static int WriteScaled(Span<byte> output, long value, int decimals, long[] pow10)
    {
        var at = 0;
        if (value < 0)
        {
            output[at++] = (byte)'-';
            value = -value;
        }
        if (decimals == 0)
        {
            Utf8Formatter.TryFormat(value, output[at..], out var n);
            return at + n;
        }
        var whole = value / pow10[decimals];
        var fraction = value % pow10[decimals];
        Utf8Formatter.TryFormat(whole, output[at..], out var w);
        at += w;
        output[at++] = (byte)'.';
        for (var d = decimals - 1; d >= 0; d--)
        {
            output[at + d] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }
        return at + decimals;
    }

    private static string Schema(bool withConstraints, bool withPattern)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "https://datapackage.org/profiles/2.0/tableschema.json");
            writer.WriteString("description", (withConstraints, withPattern) switch
            {
                (true, true) => "ReproBuild validation benchmark: every column has a constraint.",
                (true, false) => "ReproBuild validation benchmark: every constraint but the id's pattern.",
                _ => "ReproBuild validation benchmark: the same fields and types, no constraints.",
            });
            writer.WriteStartArray("fields");

            writer.WriteStartObject();
            writer.WriteString("name", "id");
            writer.WriteString("type", "string");
            if (withConstraints)
            {
                writer.WriteStartObject("constraints");
                writer.WriteBoolean("required", true);
                writer.WriteNumber("maxLength", 16);
                if (withPattern)
                {
                    writer.WriteString("pattern", IdPattern);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();

            writer.WriteStartObject();
            writer.WriteString("name", "region");
            writer.WriteString("type", "string");
            if (withConstraints)
            {
                writer.WriteStartObject("constraints");
                writer.WriteBoolean("required", true);
                writer.WriteStartArray("enum");
                foreach (var region in Regions)
                {
                    writer.WriteStringValue(region);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();

            foreach (var number in Numbers)
            {
                writer.WriteStartObject();
                writer.WriteString("name", number.Name);
                writer.WriteString("type", number.Type);
                if (withConstraints)
                {
                    writer.WritePropertyName("constraints");
                    writer.WriteRawValue(number.Constraints);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(json.ToArray()) + "\n";
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence everywhere.</summary>
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

        /// <summary>A value in [0, n) by multiply-shift (Lemire); the tiny bias does not matter for test data.</summary>
        public ulong Below(ulong n) => (ulong)(((UInt128)Next() * n) >> 64);
    }
}
