using System.Globalization;
using System.Text;
using CsCheck;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>A generated column: its header name, whether it holds numbers, and each cell as written (before quoting).</summary>
internal sealed record GeneratedColumn(string Name, bool Numeric, string[] Cells);

/// <summary>A generated table and how it is written: separator, each line's ending, final newline, BOM.</summary>
internal sealed record GeneratedTable(GeneratedColumn[] Columns, char Separator, bool[] CrlfAfter, bool FinalNewline, bool Bom)
{
    public int RowCount => Columns[0].Cells.Length;
}

/// <summary>The bytes of a written table and the physical line each record starts on (header first).</summary>
internal sealed record WrittenTable(byte[] Bytes, int[] RecordLines);

/// <summary>
/// A small RFC 4180 writer: a field is quoted when it holds the separator, a quote, CR or LF, or starts or ends with
/// white space; inner quotes are doubled. Like Python's csv writer, a record of one empty field is written as
/// <c>""</c>, so that it is not a blank line.
/// </summary>
internal static class Rfc4180Writer
{
    public static WrittenTable Write(GeneratedTable table)
    {
        var records = new List<string[]> { table.Columns.Select(c => c.Name).ToArray() };
        for (var row = 0; row < table.RowCount; row++)
        {
            records.Add(table.Columns.Select(c => c.Cells[row]).ToArray());
        }

        var text = new StringBuilder();
        var starts = new int[records.Count];
        for (var r = 0; r < records.Count; r++)
        {
            starts[r] = text.Length;
            var record = records[r];
            for (var i = 0; i < record.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(table.Separator);
                }
                text.Append(Field(record[i], table.Separator, onlyField: record.Length == 1));
            }
            if (r < records.Count - 1 || table.FinalNewline)
            {
                text.Append(table.CrlfAfter[r] ? "\r\n" : "\n");
            }
        }

        var written = text.ToString();
        var lines = starts.Select(start => 1 + LineBreaks(written.AsSpan(0, start))).ToArray();
        var bytes = Encoding.UTF8.GetBytes(written);
        return new WrittenTable(table.Bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes, lines);
    }

    public static string Field(string value, char separator, bool onlyField)
    {
        var quote = value.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            || (onlyField && value.Length == 0);
        return quote ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>CRLF, LF and a lone CR each end one physical line.</summary>
    public static int LineBreaks(ReadOnlySpan<char> text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
        }
        return breaks;
    }

    /// <summary>The physical lines of a file's bytes: line ends (CRLF, LF, lone CR) plus a last line without one.</summary>
    public static int PhysicalLines(byte[] bytes)
    {
        var lines = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')))
            {
                lines++;
            }
        }
        return bytes.Length > 0 && bytes[^1] is not ((byte)'\n' or (byte)'\r') ? lines + 1 : lines;
    }
}

/// <summary>
/// Property-based tests of reading delimited files (CsCheck): random tables written by an RFC 4180 writer read
/// back exactly, inspect exactly as the inference rule says, and randomly damaged files never crash the inspector.
/// Iteration counts are fixed so CI is stable and fast; a failure prints the seed to replay it (<c>seed:</c> or
/// the CsCheck_Seed environment variable) and the shrunk file. CsCheck_Iter raises the counts for a soak run.
/// </summary>
[TestClass]
public sealed class CsvPropertyTests : TempFolderTest
{
    private static readonly string[] MissingTokens = ["NA", "N/A", "NaN", "null", "NULL", "?"];

    private static readonly string[] Pieces =
    [
        "a", "b", "Z", "e", "0", "7", ".", "-", "+", " ", ",", ";", "|", "\t", "\"", "\"\"", "\r", "\n", "\r\n",
        "é", "日本", "😀", "\u00a0", "'", "\\", "#", "NA",
    ];

    private static readonly Gen<string> FreeText = Gen.OneOf(Pieces).Array[0, 8].Select(string.Concat);

    /// <summary>Empty, white space and every missing-value token, bare and padded.</summary>
    private static readonly Gen<string> Missing = Gen.OneOf("", " ", "\t", "NA", "N/A", "NaN", "null", "NULL", "?", " NA ", "\u00a0?");

    private static readonly Gen<string> Number =
        Gen.Select(Gen.Float.Where(float.IsFinite), Gen.Int[0, 9], (value, pad) =>
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return pad == 0 ? $" {text} " : text;
        });

    private static readonly Gen<string> TextCell = Gen.Frequency((5, FreeText), (1, Missing));

    private static readonly Gen<string> NumberCell = Gen.Frequency((6, Number), (1, Missing));

    private static Gen<GeneratedColumn> ColumnOf(int rows) =>
        from numeric in Gen.Bool
        from suffix in FreeText
        from cells in (numeric ? NumberCell : TextCell).Array[rows]
        select new GeneratedColumn(suffix, numeric, cells);

    internal static readonly Gen<GeneratedTable> Tables =
        from rows in Gen.Int[1, 50]
        from columns in Gen.Int[1, 8].SelectMany(count => ColumnOf(rows).Array[count])
        from separator in Gen.OneOf(',', '\t', ';', '|')
        from crlf in Gen.Bool.Array[rows + 1]
        from finalNewline in Gen.Bool
        from bom in Gen.Bool
        // "c<i>:" keeps names distinct and never blank; the rest of the name is free text, quoted as needed.
        select new GeneratedTable(columns.Select((c, i) => c with { Name = $"c{i}:{c.Name}" }).ToArray(), separator, crlf, finalNewline, bom);

    private static long Iterations(long count) =>
        Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? count : Check.Iter;

    private string WriteFile(byte[] bytes) => Temp.WriteBytes($"{Guid.NewGuid():N}.csv", bytes);

    /// <summary>The documented cell rule: trimmed, empty or one of the missing-value tokens is missing.</summary>
    private static bool IsMissing(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length == 0 || MissingTokens.Contains(trimmed, StringComparer.Ordinal);
    }

    /// <summary>The documented number rule: the invariant culture's, and no control character anywhere (a tab, a line break).</summary>
    private static bool IsNumber(string cell) =>
        !cell.Any(char.IsControl) && float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Print(GeneratedTable table) =>
        $"separator {CsvInspection.Escape(table.Separator.ToString())}, file:\n{CsvInspection.Escape(Rfc4180Writer.Write(table).Bytes)}";

    [TestMethod]
    public void WrittenTablesReadBackExactly()
    {
        Tables.Sample(table =>
        {
            var written = Rfc4180Writer.Write(table);
            var path = WriteFile(written.Bytes);
            var numeric = table.Columns.ToDictionary(c => c.Name, c => c.Numeric);

            var loaded = TableLoader.Load(path, "data", table.Separator, hasHeader: true, name => numeric[name] ? ColumnReader.Number : ColumnReader.Text, expectedSha256: null);

            CollectionAssert.AreEqual(table.Columns.Select(c => c.Name).ToArray(), loaded.Columns.Select(c => c.Name).ToArray(), "column names");
            CollectionAssert.AreEqual(written.RecordLines[1..], loaded.RowLines, "the physical line each row starts on");
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var column = table.Columns[i];
                if (column.Numeric)
                {
                    var expected = column.Cells.Select(cell => IsMissing(cell) ? float.NaN : float.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                    var actual = ((NumberColumn)loaded.Columns[i]).Values;
                    CollectionAssert.AreEqual(expected, actual, $"numbers of column {i}");
                }
                else
                {
                    var expected = column.Cells.Select(cell => IsMissing(cell) ? string.Empty : cell).ToArray();
                    var actual = ((TextColumn)loaded.Columns[i]).Values;
                    CollectionAssert.AreEqual(expected, actual, $"text of column {i}: {string.Join(" | ", actual.Select(CsvInspection.Escape))}");
                }
            }
        }, iter: Iterations(200), print: Print);
    }

    /// <summary>
    /// A column is numeric when more than half of its present values are numbers (or none is present); then each
    /// present value that is not a number is RB2001 at its row's first physical line and its field. Tables of
    /// numbers and free text give both outcomes; a clean one summarises every row, type and missing count.
    /// </summary>
    [TestMethod]
    public void WrittenTablesInspectAsTheInferenceRuleSays()
    {
        Tables.Sample(table =>
        {
            var written = Rfc4180Writer.Write(table);
            var inspection = CsvInspection.Run(WriteFile(written.Bytes), table.Separator);

            var types = table.Columns.Select(c =>
            {
                var present = c.Cells.Where(cell => !IsMissing(cell)).ToArray();
                return present.Length == 0 || present.Count(IsNumber) * 2 > present.Length ? ColumnSummary.Number : ColumnSummary.Text;
            }).ToArray();
            var expected = new List<Finding>();
            for (var row = 0; row < table.RowCount; row++)
            {
                for (var i = 0; i < table.Columns.Length; i++)
                {
                    var cell = table.Columns[i].Cells[row];
                    if (types[i] == ColumnSummary.Number && !IsMissing(cell) && !IsNumber(cell))
                    {
                        expected.Add(new Finding(ErrorCodes.NonNumericValue, written.RecordLines[row + 1], i + 1));
                    }
                }
            }
            var listed = expected.Take(20).Select(f => f.ToString()).ToList();
            if (expected.Count > 20)
            {
                listed.Add(ErrorCodes.MoreFindings);
            }

            CollectionAssert.AreEqual(listed, inspection.Findings().Select(f => f.ToString()).ToList(), inspection.Output);
            if (expected.Count == 0)
            {
                var summary = inspection.Summary;
                Assert.IsNotNull(summary);
                Assert.AreEqual((long)table.RowCount, summary.Rows, "data rows");
                CollectionAssert.AreEqual(table.Columns.Select(c => c.Name).ToArray(), summary.Columns.Select(c => c.Name).ToArray(), "column names");
                CollectionAssert.AreEqual(types, summary.Columns.Select(c => c.Type).ToArray(), "column types");
                CollectionAssert.AreEqual(table.Columns.Select(c => (long)c.Cells.Count(IsMissing)).ToArray(), summary.Columns.Select(c => c.Missing).ToArray(), "missing counts");
                Assert.AreEqual((long)written.Bytes.Length, summary.Size);
            }
            else
            {
                Assert.IsNull(inspection.Summary);
            }
        }, iter: Iterations(200), print: Print);
    }

    private enum MutationKind
    {
        Delete,
        Insert,
        Replace,
        Truncate,
    }

    /// <summary>One edit of a file's bytes at a relative position.</summary>
    private sealed record Mutation(MutationKind Kind, double At, int Length, byte[] Bytes)
    {
        public byte[] Apply(byte[] file)
        {
            var at = Math.Min((int)(At * file.Length), file.Length);
            var length = Math.Min(Length, file.Length - at);
            return Kind switch
            {
                MutationKind.Delete => [.. file[..at], .. file[(at + length)..]],
                MutationKind.Insert => [.. file[..at], .. Bytes, .. file[at..]],
                MutationKind.Replace => [.. file[..at], .. Bytes, .. file[(at + length)..]],
                _ => file[..at],
            };
        }

        public override string ToString() => $"{Kind} at {At:0.###} length {Length} {CsvInspection.Escape(Bytes)}";
    }

    /// <summary>Quotes, separators, line ends, white space, and bytes that are not valid UTF-8 where they land.</summary>
    private static readonly Gen<byte> DamagingByte = Gen.OneOf<byte>(
        (byte)'"', (byte)'"', (byte)',', (byte)'\t', (byte)';', (byte)'|', (byte)'\n', (byte)'\r', (byte)' ', (byte)'a', (byte)'1', (byte)'.',
        0x00, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xEF, 0xBB, 0xF0, 0xFE, 0xFF);

    private static readonly Gen<Mutation> Mutations =
        from kind in Gen.Frequency((3, Gen.Const(MutationKind.Delete)), (3, Gen.Const(MutationKind.Insert)), (3, Gen.Const(MutationKind.Replace)), (1, Gen.Const(MutationKind.Truncate)))
        from at in Gen.Double.Unit
        from length in Gen.Int[1, 4]
        from bytes in DamagingByte.Array[1, 4]
        select new Mutation(kind, at, length, bytes);

    private sealed record DamagedFile(GeneratedTable Table, Mutation[] Mutations)
    {
        public byte[] Bytes => Mutations.Aggregate(Rfc4180Writer.Write(Table).Bytes, (file, mutation) => mutation.Apply(file));

        public override string ToString() =>
            $"separator {CsvInspection.Escape(Table.Separator.ToString())}, {string.Join("; ", Mutations.Select(m => m.ToString()))}, file:\n{CsvInspection.Escape(Bytes)}";
    }

    /// <summary>
    /// Whatever a damaged file holds, inspecting it never throws; it prints only canonical diagnostics whose lines
    /// lie within the file (a finding about the whole file may point at the line after the last); the error count,
    /// the printed errors and the missing summary agree; and a file it accepts loads with the types it reported.
    /// </summary>
    [TestMethod]
    public void DamagedFilesNeverCrashTheInspectorAndGetCanonicalDiagnostics()
    {
        (from table in Tables
         from mutations in Mutations.Array[1, 6]
         select new DamagedFile(table, mutations))
        .Sample(damaged =>
        {
            var bytes = damaged.Bytes;
            var path = WriteFile(bytes);
            var separator = damaged.Table.Separator;

            var inspection = CsvInspection.Run(path, separator);

            var findings = inspection.Findings();
            var lastLine = Rfc4180Writer.PhysicalLines(bytes) + 1;
            foreach (var finding in findings)
            {
                Assert.IsTrue(finding.Line <= lastLine, $"{finding} is past the file's {lastLine - 1} lines\n{inspection.Output}");
                Assert.IsTrue(finding.Line == 0 || finding.Column >= 1, $"{finding} has no column");
            }
            Assert.AreEqual(inspection.Lines.Count(line => CsvInspection.Parse(line)!.Value.Severity == "error"), inspection.ErrorCount);
            Assert.AreEqual(inspection.ErrorCount > 0, inspection.Summary is null, inspection.Output);

            if (inspection.Summary is { } summary)
            {
                var types = summary.Columns.ToDictionary(c => c.Name, c => c.Type);
                var loaded = TableLoader.Load(path, "data", separator, hasHeader: true, name => types[name] == ColumnSummary.Number ? ColumnReader.Number : ColumnReader.Text, summary.Sha256);
                Assert.AreEqual(summary.Rows, (long)loaded.RowCount, "rows loaded after a clean inspection");
                Assert.IsTrue(loaded.RowLines.All(line => line >= 1 && line <= lastLine), "row lines within the file");
            }
        }, iter: Iterations(500), print: damaged => damaged.ToString());
    }
}
