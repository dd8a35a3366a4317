namespace ReproBuild.Tool.Runs;

/// <summary>
/// The experiment history: every run record under the runs folder, oldest first (<see cref="RunFiles"/> reads them).
/// </summary>
internal sealed class RunHistory
{
    private RunHistory(string directory, IReadOnlyList<RunRecord> runs, IReadOnlyList<string> skipped)
    {
        Directory = directory;
        Runs = runs;
        Skipped = skipped;
    }

    public string Directory { get; }

    /// <summary>Oldest first; ties (same start time) by id, so the order never depends on the file system.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>Warnings about files that could not be read.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public static RunHistory Load(string directory)
    {
        var skipped = new List<string>();
        var runs = RunFiles.Read<RunRecord>(directory, r => string.IsNullOrEmpty(r.Model) || string.IsNullOrEmpty(r.Sha256) ? "it has no model or sha256" : null, "run record", skipped)
            .Select(r => r.Record with { Id = r.Id })
            .ToList();
        var ordered = runs.OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        // References count back from the latest run of each model.
        var referenced = ordered
            .GroupBy(r => r.Model, StringComparer.Ordinal)
            .SelectMany(g => g.Reverse().Select((run, back) => run with { Reference = $"{run.Model}~{back}" }))
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        return new RunHistory(directory, referenced, skipped);
    }

    public IEnumerable<RunRecord> ForModels(IReadOnlyCollection<string> models) =>
        models.Count == 0 ? Runs : Runs.Where(r => models.Contains(r.Model, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The run a reference names: <c>Model~N</c>, a run id, or a unique start of a run id. Null when it names
    /// none (it may be a git revision); an error when it names several.
    /// </summary>
    public RunRecord? Find(string reference)
    {
        var byReference = Runs.FirstOrDefault(r => string.Equals(r.Reference, reference, StringComparison.OrdinalIgnoreCase));
        if (byReference is not null)
        {
            return byReference;
        }
        var id = reference.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(reference) : reference;
        var exact = Runs.FirstOrDefault(r => r.Id == id);
        if (exact is not null)
        {
            return exact;
        }
        var matches = Runs.Where(r => r.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToArray();
        return matches.Length switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new ToolError($"'{reference}' matches {matches.Length} runs ({string.Join(", ", matches.Take(5).Select(m => m.Id))}{(matches.Length > 5 ? ", …" : "")}); give more of the run id, or use Model~N from 'reprobuild runs'."),
        };
    }

    /// <summary>The run of the same model just before <paramref name="run"/>, if any.</summary>
    public RunRecord? Previous(RunRecord run) =>
        Runs.TakeWhile(r => r != run).LastOrDefault(r => r.Model == run.Model);

    public RunRecord? Latest(string model) => Runs.LastOrDefault(r => r.Model == model);
}
