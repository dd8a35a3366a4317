namespace ReproBuild.Tool.Diff;

/// <summary>What differs between two snapshots, model by model: the data behind every output format of <c>diff</c>.</summary>
internal sealed record Comparison(string Old, string New, IReadOnlyList<ModelComparison> Models, IReadOnlyList<string> OnlyInOld, IReadOnlyList<string> OnlyInNew)
{
    public static Comparison Of(Snapshot old, Snapshot current)
    {
        var common = old.Models.Keys.Intersect(current.Models.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new Comparison(
            old.Label,
            current.Label,
            common.Select(name => ModelComparison.Of(old.Models[name], current.Models[name])).ToArray(),
            old.Models.Keys.Except(current.Models.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            current.Models.Keys.Except(old.Models.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }
}

internal sealed record ModelComparison(
    string Model,
    string OldSha256,
    string NewSha256,
    IReadOnlyList<ValueChange> Parameters,
    IReadOnlyList<MetricChange> Metrics,
    IReadOnlyList<ValueChange> Datasets)
{
    public bool SameModel => OldSha256 == NewSha256;

    /// <summary>Nothing to show: same model bytes, parameters, metrics and data.</summary>
    public bool Unchanged => SameModel && !Parameters.Any(p => p.Changed) && !Metrics.Any(m => m.Changed) && !Datasets.Any(d => d.Changed);

    public static ModelComparison Of(ModelState old, ModelState current) =>
        new(
            old.Model,
            old.Sha256,
            current.Sha256,
            Values(old.Parameters, current.Parameters),
            old.Metrics.Keys.Union(current.Metrics.Keys).Order(StringComparer.Ordinal)
                .Select(name => new MetricChange(name, old.Metrics.GetValueOrDefault(name), current.Metrics.GetValueOrDefault(name)))
                .ToArray(),
            Values(old.Datasets, current.Datasets));

    private static ValueChange[] Values(IReadOnlyDictionary<string, string> old, IReadOnlyDictionary<string, string> current) =>
        old.Keys.Union(current.Keys).Order(StringComparer.Ordinal)
            .Select(name => new ValueChange(name, old.GetValueOrDefault(name), current.GetValueOrDefault(name)))
            .ToArray();
}

/// <summary>A parameter or dataset digest on both sides; null where a side does not have it.</summary>
internal sealed record ValueChange(string Name, string? Old, string? New)
{
    public bool Changed => !string.Equals(Old, New, StringComparison.Ordinal);
}

/// <summary>A metric on both sides; null where a side does not have it or the metric was undefined.</summary>
internal sealed record MetricChange(string Name, double? Old, double? New)
{
    /// <summary>New minus old.</summary>
    public double? Absolute => Old is { } old && New is { } current ? current - old : null;

    /// <summary>The change as a fraction of the old value's magnitude; undefined when the old value is zero.</summary>
    public double? Relative => Absolute is { } change && Old is { } old && old != 0 ? change / Math.Abs(old) : null;

    public bool Changed => Old != New;
}
