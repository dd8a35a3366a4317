using System.Globalization;
using System.Text;
using ReproBuild.Tool.Rendering;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// A <see cref="Leaderboard"/> as a terminal table, as GitHub Markdown (a CI job summary) or as JSON. The JSON shape
/// is documented in docs/tool.md and stays stable: <c>metric</c>, <c>higherIsBetter</c>, <c>experiments</c> (ranked,
/// best first) and <c>unranked</c>.
/// </summary>
internal static class LeaderboardRenderer
{
    private static readonly string[] Columns = ["Rank", "Experiment", "Model", "Parameters", "Seed"];

    public static string Text(Leaderboard board)
    {
        var table = new TextTable([.. Columns, board.Metric, "Outcome"], new HashSet<int> { 0, 4, 5 });
        foreach (var row in Rows(board))
        {
            table.Add(row);
        }
        var text = new StringBuilder(table.Render());
        if (board.Unranked.Count > 0)
        {
            text.Append('\n').Append(Unranked(board)).Append('\n');
        }
        return text.ToString();
    }

    public static string Markdown(Leaderboard board, string project)
    {
        var text = new StringBuilder();
        text.Append("### Sweep of ").Append(project).Append(": ").Append(board.Metric)
            .Append(board.HigherIsBetter ? " (higher is better)" : " (lower is better)").Append("\n\n");
        var table = new MarkdownTable([.. Columns, board.Metric, "Outcome"], new HashSet<int> { 0, 4, 5 });
        foreach (var row in Rows(board))
        {
            table.Add([.. row.Select((cell, i) => i == 1 ? $"`{cell}`" : cell)]);
        }
        text.Append(table.Render());
        if (board.Unranked.Count > 0)
        {
            text.Append('\n').Append(Unranked(board)).Append('\n');
        }
        return text.ToString();
    }

    public static string Json(Leaderboard board) => ReproJson.Serialize(new
    {
        board.Metric,
        board.HigherIsBetter,
        Experiments = board.Ranked.Select((r, i) => Entry(r, i + 1)),
        Unranked = board.Unranked.Select(r => Entry(r, null)),
    });

    private static object Entry(ExperimentResult r, int? rank) => new
    {
        Rank = rank,
        r.Experiment.Id,
        r.Experiment.Model,
        r.Experiment.Overrides,
        r.Parameters,
        r.Seed,
        r.Outcome,
        r.Sha256,
        Metrics = new SortedDictionary<string, double?>(r.Metrics.ToDictionary(), StringComparer.Ordinal),
    };

    private static IEnumerable<string[]> Rows(Leaderboard board) =>
        board.Ranked.Select((r, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            r.Experiment.Id,
            r.Experiment.Model,
            r.Experiment.Describe(),
            r.Seed.ToString(CultureInfo.InvariantCulture),
            Numbers.Value(r.Metrics.GetValueOrDefault(board.Metric)),
            r.Outcome,
        });

    private static string Unranked(Leaderboard board)
    {
        var missing = board.Unranked.Where(r => r.Outcome == ExperimentResult.Missing).Select(r => r.Experiment.Id).ToArray();
        var noValue = board.Unranked.Where(r => r.Outcome != ExperimentResult.Missing).Select(r => r.Experiment.Id).ToArray();
        var lines = new List<string>();
        if (missing.Length > 0)
        {
            lines.Add($"Not in any cache ({missing.Length}): {string.Join(", ", missing)}");
        }
        if (noValue.Length > 0)
        {
            lines.Add($"No value of {board.Metric} ({noValue.Length}): {string.Join(", ", noValue)}");
        }
        return string.Join("\n", lines);
    }
}
