using System.Globalization;
using System.Text;
using ReproBuild.Runtime.Drift;
using ReproBuild.Tool.Rendering;

namespace ReproBuild.Tool.Drift;

/// <summary>A drift report as a text table for a terminal, or as Markdown for a pull request or a CI job summary.</summary>
internal static class DriftRenderer
{
    private static readonly string[] Headers = ["column", "kind", "method", "statistic", "threshold", "drift", "reference", "current"];
    private static readonly HashSet<int> Numeric = [3, 4, 6, 7];

    public static string Text(DriftReport report, ConsoleOutput output)
    {
        var table = new TextTable(Headers, Numeric);
        foreach (var column in report.Columns)
        {
            var cells = Cells(column);
            table.Add([.. cells[..5], column.Method is null ? cells[5] : column.Drifted ? output.Red(cells[5]) : cells[5], .. cells[6..]]);
        }
        return $"{report.Summary}\n\n{table.Render("  ")}\n{Verdict(report, output)}";
    }

    public static string Markdown(DriftReport report)
    {
        var table = new MarkdownTable(Headers, Numeric);
        foreach (var column in report.Columns)
        {
            table.Add(Cells(column));
        }
        var verdict = report.DatasetDrift ? "**Dataset drift**" : "No dataset drift";
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"### Drift: {MarkdownTable.Escape(report.Model)} on {MarkdownTable.Escape(report.Source)}\n\n")
            .Append(CultureInfo.InvariantCulture, $"{verdict}: {report.DriftedColumns.Count} of {report.ComparedColumns} columns drifted (share {DriftReference.Format(report.DriftShare)}; the dataset drifts at {DriftReference.Format(report.MaxDriftShare)}), {report.CurrentRows} rows.\n\n")
            .Append(table.Render())
            .ToString();
    }

    private static string[] Cells(ColumnDrift column)
    {
        var kind = column.Kind == ColumnKind.Numeric ? "numeric" : "categorical";
        var counts = new[] { column.ReferenceCount.ToString(CultureInfo.InvariantCulture), column.CurrentCount.ToString(CultureInfo.InvariantCulture) };
        if (column.Method is not { } method)
        {
            return [column.Column, kind, Numbers.Missing, Numbers.Missing, Numbers.Missing, $"not compared: {column.NotCompared}", .. counts];
        }
        var statistic = $"{(method.IsPValue() ? "p " : "d ")}{DriftReference.Format(column.Score)}";
        return [column.Column, kind, method.Name(), statistic, DriftReference.Format(column.Threshold), column.Drifted ? "DRIFT" : "no", .. counts];
    }

    private static string Verdict(DriftReport report, ConsoleOutput output) => report.DatasetDrift
        ? output.Red($"Dataset drift: {report.DriftedColumns.Count} of {report.ComparedColumns} columns drifted, at least the share {DriftReference.Format(report.MaxDriftShare)}.")
        : output.Green($"No dataset drift: {report.DriftedColumns.Count} of {report.ComparedColumns} columns drifted, below the share {DriftReference.Format(report.MaxDriftShare)}.");
}
