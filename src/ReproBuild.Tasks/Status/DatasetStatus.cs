using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Whether the build would inspect a dataset again, decided as <c>_ReproBuildHashDatasets</c> and the inspection
/// target's Inputs/Outputs decide it — the input document it would write against the one in obj/, then the summary's
/// time against the input's — but without writing anything.
/// </summary>
internal static class DatasetStatus
{
    public static StatusEntry Check(DatasetItem dataset, IReadOnlyDictionary<string, (string Hash, long Size)> hashes, IntermediateLayout layout, string projectDirectory)
    {
        var entry = new StatusEntry(StatusEntry.DatasetKind, dataset.Name);
        var dataFile = Path.GetRelativePath(projectDirectory, dataset.FullPath);
        entry.Metadata["File"] = dataset.FullPath;
        entry.Metadata["ReportFile"] = layout.DatasetReportFile(dataset.Name);
        var summaryFile = layout.DatasetSummaryFile(dataset.Name);
        var summary = File.Exists(summaryFile) ? ReproJson.Read<DatasetSummary>(summaryFile) : null;
        entry.Metadata["Sha256"] = summary?.Sha256 ?? "";

        var now = DatasetInput.Create(dataset, hashes);
        var inputFile = layout.DatasetInputFile(dataset.Name);
        if (!File.Exists(inputFile))
        {
            entry.Reasons.Add("never built: the project has not been built since this dataset was added");
            return entry;
        }
        var recorded = File.ReadAllText(inputFile);
        if (recorded != ReproJson.Serialize(now))
        {
            var before = ReproJson.Deserialize<DatasetInput>(recorded);
            // SHA-256 is what the lock file and provenance show, so a changed file is named by it; only changed files are read.
            (string?, string)? sha256 = before.ContentHash != now.ContentHash ? (summary?.Sha256, Sha256Digest.OfFile(dataset.FullPath)) : null;
            var schemaFile = dataset.SchemaFile is null ? null : Path.GetRelativePath(projectDirectory, dataset.SchemaFile);
            entry.Reasons.AddRange(InputChanges.Dataset(before, now, dataFile, schemaFile, sha256));
            if (entry.Reasons.Count == 0)
            {
                entry.Reasons.Add($"its recorded inputs ({inputFile}) differ from the current ones");
            }
            return entry;
        }
        // The inspection target runs when its output is missing or older than its input: the last inspection failed.
        if (summary is null || File.GetLastWriteTimeUtc(summaryFile) < File.GetLastWriteTimeUtc(inputFile))
        {
            entry.Reasons.Add($"its last inspection did not succeed ({dataFile} has errors, or the build was cancelled); build to see the errors");
        }
        return entry;
    }
}
