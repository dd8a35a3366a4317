using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReproBuild.Runtime.Drift;

/// <summary>
/// A <see cref="DriftReport"/> as JSON, one shape for every consumer (<c>reprobuild drift --json</c>, the HTML report,
/// a service's drift endpoint): camelCase, Evidently's method names, and null — never NaN — for a column not compared.
/// </summary>
public static class DriftReportJson
{
    /// <summary>Writes the report as one JSON object.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">Where to write it.</param>
    /// <param name="histograms">Whether to include each column's reference and current histograms (bins and shares).</param>
    public static void Write(DriftReport report, Utf8JsonWriter writer, bool histograms = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("model", report.Model);
        writer.WriteString("source", report.Source);
        writer.WriteNumber("rows", report.CurrentRows);
        writer.WriteNumber("comparedColumns", report.ComparedColumns);
        writer.WriteNumber("driftedColumns", report.DriftedColumns.Count);
        writer.WriteNumber("driftShare", report.DriftShare);
        writer.WriteNumber("maxDriftShare", report.MaxDriftShare);
        writer.WriteBoolean("datasetDrift", report.DatasetDrift);
        writer.WriteStartArray("columns");
        foreach (var column in report.Columns)
        {
            WriteColumn(column, writer, histograms);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The report as a JSON document.</summary>
    public static string Serialize(DriftReport report, bool indented = false, bool histograms = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(report, writer, histograms);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteColumn(ColumnDrift column, Utf8JsonWriter writer, bool histograms)
    {
        writer.WriteStartObject();
        writer.WriteString("column", column.Column);
        writer.WriteString("kind", column.Kind == ColumnKind.Numeric ? "numeric" : "categorical");
        if (column.Method is { } method)
        {
            writer.WriteString("method", method.Name());
            writer.WriteString("statistic", method.IsPValue() ? "p-value" : "distance");
            WriteNumber(writer, "score", column.Score);
            WriteNumber(writer, "threshold", column.Threshold);
        }
        else
        {
            writer.WriteNull("method");
            writer.WriteNull("statistic");
            writer.WriteNull("score");
            writer.WriteNull("threshold");
        }
        writer.WriteBoolean("drifted", column.Drifted);
        writer.WriteNumber("referenceCount", column.ReferenceCount);
        writer.WriteNumber("currentCount", column.CurrentCount);
        writer.WriteString("notCompared", column.NotCompared);
        if (histograms)
        {
            writer.WriteStartObject("histogram");
            writer.WriteStartArray("bins");
            foreach (var bin in column.Histogram.Bins)
            {
                writer.WriteStringValue(bin);
            }
            writer.WriteEndArray();
            WriteShares(writer, "reference", column.Histogram.Reference);
            WriteShares(writer, "current", column.Histogram.Current);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    // JSON has no NaN or infinity (a distance over a constant reference column can be infinite): null says "no number".
    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteShares(Utf8JsonWriter writer, string name, IReadOnlyList<double> shares)
    {
        writer.WriteStartArray(name);
        foreach (var share in shares)
        {
            writer.WriteNumberValue(share);
        }
        writer.WriteEndArray();
    }
}
