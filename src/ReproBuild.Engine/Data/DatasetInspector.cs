using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Reads a dataset once: its SHA-256, size and rows; each cell checked — against its Table Schema field when the
/// dataset has a schema, else against the column type inferred from the first rows; and a profile of every
/// column. Validation is lazy: every finding of the file is counted in the one pass, the first of each kind
/// reported at its line and column, and all of them summarised in a JSON report.
/// </summary>
internal static class DatasetInspector
{
    internal const int InferenceRows = 1000;

    /// <param name="threads">How many threads check columns; by default all cores for files of <see cref="ParallelFrom"/> bytes or more, else one.</param>
    public static DatasetSummary? Inspect(DatasetJob job, DiagnosticWriter diagnostics, TableSchema? schema = null, string? schemaSha256 = null, int? threads = null)
    {
        var findings = new FindingLimiter(diagnostics, job.DataFile);
        using var stream = DelimitedFile.OpenHashed(job.DataFile);
        var invalidUtf8 = new InvalidUtf8Counter();

        string[]? names = null;
        ColumnCheck[] columns = [];
        KeyChecks? keys = null;
        ColumnWorkers? workers = null;
        // Without a schema, column types are decided on the first rows, which wait here until then.
        var sample = new List<(int Line, string[] Values)>();
        var decided = schema is not null;
        long rows = 0;

        // The line the next row starts on, in case it is too long to read; and the line of one that was.
        var nextLine = 1;
        int? tooLongRow = null;
        try
        {
            // Opening reads the first row, so a first row too long to hold fails here.
            using var reader = DelimitedFile.Read(stream, job.Separator, job.DataFile, invalidUtf8);
            foreach (var row in reader)
            {
                var line = DelimitedFile.LineOf(row);
                nextLine = DelimitedFile.LineAfter(row);
                if (DelimitedFile.IsBlank(row))
                {
                    continue;
                }
                if (DelimitedFile.HasUnclosedQuote(row))
                {
                    workers?.Flush(findings);
                    var unclosed = DelimitedFile.UnclosedQuote(job.DataFile, line);
                    findings.Error(unclosed.Code, unclosed.Message, unclosed.Line, unclosed.Column);
                    continue;
                }
                if (invalidUtf8.Count > 0 && DelimitedFile.ColumnWithInvalidUtf8(row) is >= 0 and var invalidColumn)
                {
                    workers?.Flush(findings);
                    findings.Error(ErrorCodes.UnreadableData, "this row holds bytes that are not valid UTF-8 (read as \uFFFD); save the file as UTF-8.", line, invalidColumn + 1);
                }
                if (names is null)
                {
                    names = job.HasHeader ? row[..].ToStringsArray() : DelimitedFile.DefaultColumnNames(row.ColCount);
                    CheckHeader(names, job.DataFile, line, findings);
                    columns = schema is null
                        ? names.Select(name => (ColumnCheck)new InferredColumn(name)).ToArray()
                        : HeaderMatcher.Match(schema, names, line, findings);
                    keys = schema is null ? null : KeyChecks.For(schema, names);
                    workers = new ColumnWorkers(columns, keys, threads ?? ThreadsFor(job.DataFile));
                    if (job.HasHeader)
                    {
                        continue;
                    }
                }

                rows++;
                if (row.ColCount != names.Length)
                {
                    workers?.Flush(findings);
                    findings.Error(ErrorCodes.WrongFieldCount, $"this row has {row.ColCount} fields; the header has {names.Length}.", line, Math.Min(row.ColCount, names.Length) + 1);
                    continue;
                }

                if (!decided)
                {
                    sample.Add((line, row[..].ToStringsArray()));
                    if (sample.Count == InferenceRows)
                    {
                        Decide(columns, sample, findings);
                        decided = true;
                    }
                    continue;
                }

                workers!.Add(row, line, findings);
            }
        }
        catch (NotSupportedException)
        {
            // Sep cannot go on past it; the rows before it are still checked, and reported first.
            tooLongRow = nextLine;
        }
        workers?.Flush(findings);
        if (!decided)
        {
            Decide(columns, sample, findings);
        }

        var sha256 = stream.FinishSha256();
        if (tooLongRow is { } tooLongLine)
        {
            // The rest of the file is unread and may well hold data: this, not "empty" or "no data rows".
            var tooLong = DelimitedFile.RowTooLong(job.DataFile, tooLongLine);
            findings.Error(tooLong.Code, tooLong.Message, tooLong.Line, tooLong.Column);
        }
        else if (names is null)
        {
            findings.Error(ErrorCodes.NoData, "the file is empty: there is no header and no data.", 1, 1);
        }
        else if (rows == 0)
        {
            findings.Error(ErrorCodes.NoData, "the file has a header but no data rows.", 1, 1);
        }
        findings.ReportSuppressed();

        var summaryColumns = columns.Select(c =>
        {
            var profile = c.Profiler.Build();
            return new ColumnSummary(c.Name, c.Type, profile.Missing, profile);
        }).ToArray();
        if (job.ReportFile is not null)
        {
            ValidationReport.Write(job, sha256, rows, findings, summaryColumns);
        }
        if (findings.Total > 0)
        {
            return null;
        }
        return new DatasetSummary(
            job.Name, sha256, stream.BytesRead, rows, job.Separator, job.HasHeader, summaryColumns,
            schema is null ? null : job.SchemaFile, schema is null ? null : job.SchemaResource, schemaSha256);
    }

    /// <summary>Files this large are checked with their columns shared out among the machine's cores.</summary>
    internal const long ParallelFrom = 32L << 20;

    private static int ThreadsFor(string file) =>
        new FileInfo(file).Length >= ParallelFrom ? Environment.ProcessorCount : 1;

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

    private static void Decide(ColumnCheck[] columns, List<(int Line, string[] Values)> sample, FindingLimiter findings)
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
}
