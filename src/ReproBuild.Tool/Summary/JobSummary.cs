using System.Text;
using ReproBuild.Tool.Diff;
using ReproBuild.Tool.Rendering;

namespace ReproBuild.Tool.Summary;

/// <summary>
/// The Markdown a CI job shows on its summary page: what the last build did with each model and stage, the gates, and
/// how metrics moved against the base branch's lock file.
/// </summary>
internal static class JobSummary
{
    /// <param name="comparison">Null with <paramref name="notCompared"/> saying why (no git history, no lock file at the base).</param>
    public static string Render(string project, LastBuild? lastBuild, IReadOnlyList<TestResults> gates, Comparison? comparison, string? notCompared, string? baseRevision)
    {
        var text = new StringBuilder();
        text.Append("## ReproBuild: ").Append(project).Append("\n\n");
        RenderBuild(text, lastBuild);
        RenderGates(text, gates);
        text.Append("### Metric changes against ").Append(baseRevision is null ? "HEAD" : $"`{baseRevision}`").Append("\n\n");
        if (comparison is null)
        {
            text.Append("Not compared: ").Append(notCompared).Append("\n\n");
        }
        else
        {
            text.Append(DiffRenderer.Markdown(comparison).TrimEnd()).Append("\n\n");
        }
        return text.ToString();
    }

    private static void RenderBuild(StringBuilder text, LastBuild? lastBuild)
    {
        text.Append("### Build\n\n");
        if (lastBuild is null)
        {
            text.Append("No build of this project left an account of itself (obj/…/reprobuild/last-build.json); build it first, with the same configuration.\n\n");
            return;
        }
        if (lastBuild.Shard is { } shard)
        {
            text.Append("Shard ").Append(shard).Append(": this build trained only its share; its assembly is not a release artifact.\n\n");
        }
        var counts = lastBuild.Models.Values.Concat(lastBuild.Stages.Values).GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        text.Append(string.Join(", ", counts) is { Length: > 0 } line ? line : "nothing to build").Append(".\n\n");
        var table = new MarkdownTable(["kind", "name", "outcome"]);
        foreach (var (name, outcome) in lastBuild.Stages)
        {
            table.Add("stage", name, outcome);
        }
        foreach (var (name, outcome) in lastBuild.Models)
        {
            table.Add("model", name, outcome);
        }
        text.Append(table.Render()).Append('\n');
    }

    private static void RenderGates(StringBuilder text, IReadOnlyList<TestResults> gates)
    {
        if (gates.Count == 0)
        {
            return;
        }
        var results = gates.SelectMany(g => g.Results).ToList();
        var failed = results.Where(r => !r.Passed).ToList();
        text.Append("### Gates\n\n");
        text.Append(failed.Count == 0 ? $"All {results.Count} passed.\n\n" : $"{failed.Count} of {results.Count} did not pass.\n\n");
        var table = new MarkdownTable(["gate", "outcome", "message"]);
        foreach (var result in failed.Concat(results.Where(r => r.Passed)))
        {
            table.Add(result.Name, result.Outcome, result.Message?.Trim() ?? "");
        }
        text.Append(table.Render()).Append('\n');
    }
}
