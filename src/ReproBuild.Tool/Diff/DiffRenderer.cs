using System.Text;
using ReproBuild.Tool.Rendering;

namespace ReproBuild.Tool.Diff;

/// <summary>The three forms of <c>diff</c>'s answer: aligned text for a terminal, Markdown for a pull request, JSON for scripts.</summary>
internal static class DiffRenderer
{
    private static readonly HashSet<int> NumberColumns = [1, 2, 3, 4];

    public static string Text(Comparison comparison)
    {
        var text = new StringBuilder();
        text.Append("old: ").Append(comparison.Old).Append('\n');
        text.Append("new: ").Append(comparison.New).Append('\n');
        foreach (var model in comparison.Models.Where(m => !m.Unchanged))
        {
            text.Append('\n').Append(model.Model).Append(": ").Append(ModelLine(model)).Append('\n');
            var parameters = new TextTable(["", "Parameter", "Old", "New"]);
            foreach (var parameter in model.Parameters)
            {
                parameters.Add(parameter.Changed ? "*" : "", parameter.Name, parameter.Old ?? Numbers.Missing, parameter.New ?? Numbers.Missing);
            }
            text.Append(parameters.Render("  ")).Append('\n');
            var metrics = new TextTable(["Metric", "Old", "New", "Change", "Relative"], NumberColumns);
            foreach (var metric in model.Metrics)
            {
                metrics.Add(metric.Name, Numbers.Value(metric.Old), Numbers.Value(metric.New), Numbers.Change(metric.Absolute), Numbers.Percent(metric.Relative));
            }
            text.Append(metrics.Render("  "));
            foreach (var dataset in model.Datasets.Where(d => d.Changed))
            {
                text.Append("  dataset ").Append(dataset.Name).Append(": sha256 ").Append(Numbers.Short(dataset.Old)).Append(" -> ").Append(Numbers.Short(dataset.New)).Append('\n');
            }
        }
        Missing(text, comparison, line => line);
        if (comparison.Models.Count == 0 && comparison.OnlyInOld.Count == 0 && comparison.OnlyInNew.Count == 0)
        {
            text.Append("\nNo models to compare.\n");
        }
        return text.ToString();
    }

    public static string Markdown(Comparison comparison)
    {
        var text = new StringBuilder();
        text.Append("### ReproBuild: `").Append(comparison.Old).Append("` → `").Append(comparison.New).Append("`\n");
        foreach (var model in comparison.Models.Where(m => !m.Unchanged))
        {
            text.Append("\n#### ").Append(model.Model).Append("\n\n").Append(ModelLine(model)).Append("\n\n");
            var changed = model.Parameters.Where(p => p.Changed).ToArray();
            if (changed.Length > 0)
            {
                var parameters = new MarkdownTable(["Parameter", "Old", "New"]);
                foreach (var parameter in changed)
                {
                    parameters.Add(parameter.Name, parameter.Old ?? Numbers.Missing, parameter.New ?? Numbers.Missing);
                }
                text.Append(parameters.Render()).Append('\n');
            }
            var metrics = new MarkdownTable(["Metric", "Old", "New", "Change", "Relative"], NumberColumns);
            foreach (var metric in model.Metrics)
            {
                metrics.Add(metric.Name, Numbers.Value(metric.Old), Numbers.Value(metric.New), Numbers.Change(metric.Absolute), Numbers.Percent(metric.Relative));
            }
            text.Append(metrics.Render());
            foreach (var dataset in model.Datasets.Where(d => d.Changed))
            {
                text.Append("\nDataset `").Append(dataset.Name).Append("`: sha256 `").Append(Numbers.Short(dataset.Old)).Append("` → `").Append(Numbers.Short(dataset.New)).Append("`\n");
            }
        }
        Missing(text, comparison, line => $"\n_{line.Trim()}_");
        return text.ToString();
    }

    public static string Json(Comparison comparison) => ReproJson.Serialize(comparison);

    private static string ModelLine(ModelComparison model) => model.SameModel
        ? $"same model (sha256 {Numbers.Short(model.NewSha256)})"
        : $"model sha256 {Numbers.Short(model.OldSha256)} -> {Numbers.Short(model.NewSha256)}";

    private static void Missing(StringBuilder text, Comparison comparison, Func<string, string> format)
    {
        var unchanged = comparison.Models.Where(m => m.Unchanged).Select(m => m.Model).ToArray();
        if (unchanged.Length > 0)
        {
            text.Append(format($"\nUnchanged (same model, parameters and metrics): {string.Join(", ", unchanged)}")).Append('\n');
        }
        foreach (var model in comparison.OnlyInOld)
        {
            text.Append(format($"\n{model}: only in old")).Append('\n');
        }
        foreach (var model in comparison.OnlyInNew)
        {
            text.Append(format($"\n{model}: only in new")).Append('\n');
        }
    }
}
