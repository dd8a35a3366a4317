using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// The experiments ranked by one metric, best first — higher or lower is better as <see cref="HeadlineMetrics.HigherIsBetter"/>
/// says for every metric the tool shows — ties by id, so the order is the same on every run. Experiments without a
/// value (missing from the cache) are not ranked; with <c>--top</c>, only the best N are.
/// </summary>
internal sealed class Leaderboard
{
    private Leaderboard(string metric, IReadOnlyList<ExperimentResult> ranked, IReadOnlyList<ExperimentResult> unranked)
    {
        Metric = metric;
        Ranked = ranked;
        Unranked = unranked;
    }

    public string Metric { get; }

    public bool HigherIsBetter => HeadlineMetrics.HigherIsBetter(Metric);

    /// <summary>Best first; rank = position + 1.</summary>
    public IReadOnlyList<ExperimentResult> Ranked { get; }

    /// <summary>Missing from the cache, or without a value of the metric.</summary>
    public IReadOnlyList<ExperimentResult> Unranked { get; }

    public ExperimentResult? Winner => Ranked.Count == 0 ? null : Ranked[0];

    /// <summary>
    /// The metric a sweep ranks by, checked before anything is built: <paramref name="metric"/> as the models' tasks
    /// spell it (every swept model's task must report it), or the headline metric of the first model's task.
    /// </summary>
    public static string ChooseMetric(string? metric, IReadOnlyList<string> tasks)
    {
        var known = tasks.Distinct(StringComparer.Ordinal).ToArray();
        if (metric is null)
        {
            return Catalog.HeadlineMetrics(known[0])[0];
        }
        var reported = known.Select(t => Catalog.Metrics[t]).Aggregate((a, b) => [.. a.Intersect(b, StringComparer.Ordinal)]);
        return reported.FirstOrDefault(m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolError($"--metric {metric}: the swept models ({string.Join(", ", known)}) do not all report it; they report: {string.Join(", ", reported)}.");
    }

    /// <param name="metric">The metric to rank by, from <see cref="ChooseMetric"/>.</param>
    /// <param name="top">Keep only the best N; null for all.</param>
    public static Leaderboard Rank(IReadOnlyList<ExperimentResult> results, string metric, int? top)
    {
        var withValue = results.Where(r => r.Metrics.GetValueOrDefault(metric) is { } v && double.IsFinite(v)).ToList();
        var ordered = (HeadlineMetrics.HigherIsBetter(metric)
                ? withValue.OrderByDescending(r => r.Metrics[metric])
                : withValue.OrderBy(r => r.Metrics[metric]))
            .ThenBy(r => r.Experiment.Id, StringComparer.Ordinal)
            .ToList();
        var ranked = top is { } n ? ordered.Take(n).ToList() : ordered;
        return new Leaderboard(metric, ranked, [.. results.Except(withValue).OrderBy(r => r.Experiment.Id, StringComparer.Ordinal)]);
    }
}
