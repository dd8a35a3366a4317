using System.Text.Json;
using System.Text.Json.Nodes;
using ReproBuild.Runtime.Drift;
using ReproBuild.Tool.Locks;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Report;

/// <summary>
/// Everything the report shows, gathered into one JSON document that the page's script renders: per model its
/// status, run history, current metrics and the evaluation data training left in obj/ (evaluation.json); per
/// dataset its status and the profile inspection left there (report.json); per <c>--drift</c> comparison the drift
/// report, with both histograms of every column.
/// </summary>
internal static class ReportData
{
    public static JsonObject Build(string projectName, IReadOnlyList<StatusItem> status, RunHistory history, LockDocument? locked, IReadOnlyList<DriftReport> drift)
    {
        var models = new JsonArray();
        foreach (var entry in status.Where(e => e.Kind == StatusItem.Model))
        {
            var task = entry.Get("Task") ?? "";
            var runs = history.Runs.Where(r => r.Model == entry.Name).ToArray();
            var lockedModel = locked?.Models?.GetValueOrDefault(entry.Name);
            var metrics = lockedModel?.Metrics ?? runs.LastOrDefault()?.Metrics;
            models.Add(new JsonObject
            {
                ["name"] = entry.Name,
                ["task"] = task,
                ["trainer"] = entry.Get("Trainer"),
                ["stale"] = entry.Stale,
                ["reasons"] = new JsonArray(entry.Reasons.Select(r => (JsonNode?)r).ToArray()),
                ["headline"] = new JsonArray(HeadlineMetrics.For(task).Select(m => (JsonNode?)m).ToArray()),
                ["sha256"] = lockedModel?.Sha256 ?? runs.LastOrDefault()?.Sha256,
                ["metrics"] = metrics is null ? null : JsonSerializer.SerializeToNode(metrics, ReproJson.Options),
                ["runs"] = JsonSerializer.SerializeToNode(runs, ReproJson.Options),
                ["evaluation"] = ReadJson(entry.Get("EvaluationFile")),
            });
        }

        var datasets = new JsonArray();
        foreach (var entry in status.Where(e => e.Kind == StatusItem.Dataset))
        {
            datasets.Add(new JsonObject
            {
                ["name"] = entry.Name,
                ["stale"] = entry.Stale,
                ["reasons"] = new JsonArray(entry.Reasons.Select(r => (JsonNode?)r).ToArray()),
                ["report"] = Profile(ReadJson(entry.Get("ReportFile"))),
            });
        }

        return new JsonObject
        {
            ["project"] = projectName,
            ["models"] = models,
            ["datasets"] = datasets,
            ["drift"] = new JsonArray([.. drift.Select(r => JsonNode.Parse(DriftReportJson.Serialize(r)))]),
        };
    }

    private static JsonNode? ReadJson(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ToolError($"{path} is not valid JSON ({e.Message}); delete it and build the project again to rewrite it.");
        }
    }

    // The validation report lists the first failing cells of every check; the page needs only their counts, and
    // no absolute paths belong in a file that gets shared.
    private static JsonObject? Profile(JsonNode? report)
    {
        if (report is not JsonObject source)
        {
            return null;
        }
        var findings = new JsonObject();
        if (source["findings"] is JsonObject checks)
        {
            foreach (var (code, check) in checks)
            {
                findings[code] = check?["count"]?.DeepClone();
            }
        }
        return new JsonObject
        {
            ["sha256"] = source["sha256"]?.DeepClone(),
            ["rows"] = source["rows"]?.DeepClone(),
            ["valid"] = source["valid"]?.DeepClone(),
            ["findings"] = findings,
            ["columns"] = source["columns"]?.DeepClone(),
        };
    }
}
