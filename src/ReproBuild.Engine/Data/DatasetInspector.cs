using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Reads a dataset once: its SHA-256, size and row count, and each column's type. A column is numeric when most
/// of its values among the first rows are numbers; from then on every value in it that is not a number (and not
/// a missing-value token) is an error at its cell. All findings of a file are reported in one pass.
/// </summary>
internal static class DatasetInspector
{
    internal const int InferenceRows = 1000;

    public static DatasetSummary? Inspect(DatasetJob job, DiagnosticWriter diagnostics)
    {
        var findings = new FindingLimiter(diagnostics, job.DataFile);
        using var stream = DelimitedFile.OpenHashed(job.DataFile);
        using var reader = DelimitedFile.Read(stream, job.Separator, job.DataFile);

        string[]? names = null;
        ColumnState[] columns = [];
        var sample = new List<(int Line, string[] Values)>();
        var decided = false;
        long rows = 0;

        foreach (var row in reader)
        {
            if (DelimitedFile.IsBlank(row))
            {
                continue;
            }
            if (names is null)
            {
                names = job.HasHeader ? row[..].ToStringsArray() : DelimitedFile.DefaultColumnNames(row.ColCount);
                CheckHeader(names, job.DataFile, DelimitedFile.LineOf(row), findings);
                columns = names.Select(name => new ColumnState(name)).ToArray();
                if (job.HasHeader)
                {
                    continue;
                }
            }

            rows++;
            if (row.ColCount != names.Length)
            {
                findings.Error(
                    ErrorCodes.WrongFieldCount,
                    $"this row has {row.ColCount} fields; the header has {names.Length}.",
                    DelimitedFile.LineOf(row),
                    Math.Min(row.ColCount, names.Length) + 1);
                continue;
            }

            if (!decided)
            {
                sample.Add((DelimitedFile.LineOf(row), row[..].ToStringsArray()));
                if (sample.Count < InferenceRows)
                {
                    continue;
                }
                Decide(columns, sample, findings);
                decided = true;
                continue;
            }

            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Check(row[i].Span, DelimitedFile.LineOf(row), i + 1, findings);
            }
        }

        if (!decided)
        {
            Decide(columns, sample, findings);
        }

        var sha256 = stream.FinishSha256();
        if (names is null)
        {
            findings.Error(ErrorCodes.NoData, "the file is empty: there is no header and no data.", 1, 1);
        }
        else if (rows == 0)
        {
            findings.Error(ErrorCodes.NoData, "the file has a header but no data rows.", 1, 1);
        }

        findings.ReportSuppressed();
        if (findings.Total > 0)
        {
            return null;
        }

        return new DatasetSummary(
            job.Name,
            sha256,
            stream.BytesRead,
            rows,
            job.Separator,
            job.HasHeader,
            columns.Select(c => new ColumnSummary(c.Name, c.Type ?? ColumnSummary.Number, c.Missing)).ToArray());
    }

    /// <summary>Checks header names and reports duplicates at their cell.</summary>
    private static void CheckHeader(string[] names, string path, int line, FindingLimiter findings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!seen.Add(names[i]))
            {
                findings.Error(ErrorCodes.DuplicateColumn, $"column name '{names[i]}' appears more than once in the header of {Path.GetFileName(path)}.", line, i + 1);
            }
        }
    }

    private static void Decide(ColumnState[] columns, List<(int Line, string[] Values)> sample, FindingLimiter findings)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i].Infer(sample.Select(row => row.Values[i]));
        }
        foreach (var (line, values) in sample)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Check(values[i], line, i + 1, findings);
            }
        }
        sample.Clear();
    }

    private sealed class ColumnState(string name)
    {
        public string Name { get; } = name;

        /// <summary><see cref="ColumnSummary.Number"/>, <see cref="ColumnSummary.Text"/>, or null while every value seen was missing.</summary>
        public string? Type { get; private set; }

        public long Missing { get; private set; }

        public void Infer(IEnumerable<string> values)
        {
            long present = 0;
            long numbers = 0;
            foreach (var value in values)
            {
                if (DelimitedFile.IsMissing(value))
                {
                    continue;
                }
                present++;
                if (DelimitedFile.TryParseNumber(value, out _))
                {
                    numbers++;
                }
            }
            if (present > 0)
            {
                Type = numbers * 2 > present ? ColumnSummary.Number : ColumnSummary.Text;
            }
        }

        public void Check(ReadOnlySpan<char> value, int line, int column, FindingLimiter findings)
        {
            if (DelimitedFile.IsMissing(value))
            {
                Missing++;
                return;
            }
            Type ??= DelimitedFile.TryParseNumber(value, out _) ? ColumnSummary.Number : ColumnSummary.Text;
            if (Type == ColumnSummary.Number && !DelimitedFile.TryParseNumber(value, out _))
            {
                findings.Error(
                    ErrorCodes.NonNumericValue,
                    $"value '{Truncate(value)}' in numeric column '{Name}' is not a number (leave the cell empty to mark it missing).",
                    line,
                    column);
            }
        }

        private static string Truncate(ReadOnlySpan<char> value) =>
            value.Length <= 40 ? value.ToString() : string.Concat(value[..37], "...");
    }
}
