using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Where a data file comes from: the stage that wrote it and, through that stage's inputs, every stage before it,
/// read from the stages' records. A model's inputs carry this for each of its datasets, so its fingerprint and its
/// provenance cover the whole pipeline back to the raw files.
/// </summary>
internal sealed class StageLineage
{
    private readonly Dictionary<string, StageReference> _stages;
    private readonly Dictionary<string, string> _producers;

    private StageLineage(Dictionary<string, StageReference> stages)
    {
        _stages = stages;
        _producers = stages.Values.SelectMany(s => s.Outputs.Select(o => (o.Path, s.Name))).ToDictionary(p => p.Path, p => p.Name, StringComparer.Ordinal);
    }

    public static StageLineage None { get; } = new([]);

    /// <summary>The stages' records (missing ones are skipped: a stage that has not run has no lineage yet).</summary>
    public static StageLineage Load(IEnumerable<string> recordFiles) =>
        new(recordFiles.Select(StageRecord.Read).OfType<StageRecord>().ToDictionary(r => r.Stage.Name, r => r.Stage, StringComparer.Ordinal));

    /// <summary>Every stage that <paramref name="dataFile"/> comes from, upstream first; null when no stage wrote it.</summary>
    public IReadOnlyList<StageReference>? Of(string dataFile, string projectDirectory)
    {
        if (_producers.Count == 0 || !_producers.TryGetValue(ProjectPaths.Relative(projectDirectory, dataFile), out var producer))
        {
            return null;
        }
        var lineage = new List<StageReference>();
        Visit(producer, lineage, []);
        return lineage;
    }

    private void Visit(string name, List<StageReference> lineage, HashSet<string> seen)
    {
        if (!seen.Add(name) || !_stages.TryGetValue(name, out var stage))
        {
            return;
        }
        foreach (var upstream in stage.Inputs.Select(i => i.Stage).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            Visit(upstream, lineage, seen);
        }
        lineage.Add(stage);
    }
}
