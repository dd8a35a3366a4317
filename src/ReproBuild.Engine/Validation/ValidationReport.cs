using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// The machine-readable result of inspecting a dataset, written to obj/ whether or not it passed: per check its
/// count and first failure cases, and the data profile.
/// </summary>
internal static class ValidationReport
{
    public static void Write(DatasetJob job, string sha256, long rows, FindingLimiter findings, IReadOnlyList<ColumnSummary> columns)
    {
        var report = new
        {
            Dataset = job.Name,
            File = job.DataFile,
            Schema = job.SchemaFile,
            Sha256 = sha256,
            Rows = rows,
            Valid = findings.Total == 0,
            Findings = findings.ByCode.ToDictionary(
                check => check.Code,
                check => new { check.Count, First = check.First }),
            Columns = columns.Select(c => new { c.Name, c.Type, c.Profile }),
        };
        AtomicFile.WriteAllText(job.ReportFile!, ReproJson.Serialize(report));
    }
}
