using ReproBuild.Tasks.Cache;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks;

/// <summary>
/// Whether the build would run a stage again, decided as <see cref="StageContext.BringUpToDate"/> decides it — the
/// stage's record against the fingerprint of its inputs now (<see cref="StageFingerprinter"/>), then its outputs
/// against the record — but without writing, building or running anything.
/// </summary>
internal static class StageStatus
{
    /// <param name="staleStages">Stages already found stale (upstream ones come first in <see cref="StageGraph.Order"/>).</param>
    /// <param name="cache">The local cache: a stale stage whose outputs it holds is restored, not run.</param>
    public static StatusEntry Check(StageItem stage, StageGraph graph, StageFingerprinter fingerprinter, IntermediateLayout layout, string projectDirectory, IReadOnlySet<string> staleStages, CacheFolder? cache)
    {
        var entry = new StatusEntry(StatusEntry.StageKind, stage.Name);
        var recordFile = layout.StageRecordFile(stage.Name);
        entry.Metadata["StageKind"] = stage.Kind;
        entry.Metadata["Program"] = stage.Program;
        entry.Metadata["RecordFile"] = recordFile;
        entry.Metadata["Outputs"] = string.Join("\n", stage.Outputs.Select(o => ProjectPaths.Relative(projectDirectory, o)));

        var last = StageRecord.Read(recordFile);
        if (last is null)
        {
            entry.Reasons.Add(File.Exists(recordFile)
                ? $"its record ({recordFile}) is unreadable or from another ReproBuild version; the next build runs it"
                : "never run: no build has run it since it was added (or its outputs were cleaned)");
            return entry;
        }
        var upstream = graph.Upstream[stage.Name].Where(staleStages.Contains).ToList();
        entry.Reasons.AddRange(upstream.Select(name => $"upstream stage '{name}' will run"));
        if (stage.Kind == StageItem.ProjectKind && stage.ProgramAssembly is null)
        {
            entry.Reasons.Add($"its program has not been built yet ({stage.Program}); the next build compiles and runs it");
            return entry;
        }
        if (stage.Inputs.FirstOrDefault(i => !File.Exists(i)) is { } missing)
        {
            // Only an upstream stage's output can be missing here (the graph checked the others), and that stage runs first.
            if (upstream.Count == 0)
            {
                entry.Reasons.Add($"input '{ProjectPaths.Relative(projectDirectory, missing)}' is missing; the stage that writes it runs first");
            }
            return entry;
        }

        var (inputs, _, code) = fingerprinter.Compute(stage, last);
        var fingerprint = inputs.ComputeFingerprint();
        entry.Metadata["Fingerprint"] = fingerprint;
        var own = new List<string>();
        if (last.Stage.Fingerprint != fingerprint)
        {
            own.AddRange(InputChanges.Stage(last.Stage, inputs, last.Code, code));
            if (own.Count == 0)
            {
                own.Add($"its fingerprint changed ({InputChanges.Prefix(last.Stage.Fingerprint)} -> {InputChanges.Prefix(fingerprint)}) though its code, inputs, parameters and seed did not: another ReproBuild version ran it");
            }
        }
        else
        {
            own.AddRange(OutputProblems(stage, last, fingerprinter, projectDirectory));
        }
        entry.Reasons.AddRange(own);
        if (own.Count > 0 && upstream.Count == 0 && cache?.Contains(CacheFolder.ActionKind, fingerprint) == true)
        {
            entry.Reasons.Add("the cache holds its outputs for these inputs: the next build restores them without running it");
        }
        if (own.Count == 0 && stage.Kind == StageItem.ProjectKind && NewerSource(stage, projectDirectory) is { } source)
        {
            entry.Reasons.Add($"'{source}' changed since its program was built; the next build compiles {stage.Program}, and runs the stage if its compiled code changed");
        }
        return entry;
    }

    /// <summary>As the build checks outputs before trusting a record: each is there, with the content the record names (one stat each).</summary>
    private static IEnumerable<string> OutputProblems(StageItem stage, StageRecord last, StageFingerprinter fingerprinter, string projectDirectory)
    {
        var present = stage.Outputs.Where(File.Exists).ToList();
        foreach (var output in stage.Outputs.Except(present))
        {
            yield return $"output '{ProjectPaths.Relative(projectDirectory, output)}' is missing";
        }
        var recorded = last.Outputs.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        foreach (var file in fingerprinter.Versions(present, new Dictionary<(string, string), string>(), _ => ""))
        {
            if (recorded.GetValueOrDefault(file.Path) != file.Hash)
            {
                yield return $"output '{file.Path}' was changed by hand (it differs from what the stage wrote); the next build replaces it";
            }
        }
    }

    /// <summary>
    /// A source file of a Project stage's project that is newer than its compiled program: the build compiles it first.
    /// Status builds nothing, so it cannot tell whether the compiled code will differ; it names the file.
    /// </summary>
    private static string? NewerSource(StageItem stage, string projectDirectory)
    {
        var programTime = File.GetLastWriteTimeUtc(stage.ProgramAssembly!);
        var projectFile = Path.GetFullPath(stage.Program, projectDirectory);
        var folder = Path.GetDirectoryName(projectFile)!;
        var newer = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory))
            {
                // Build outputs and tool folders are not sources.
                if (Path.GetFileName(sub) is not ("bin" or "obj") && !Path.GetFileName(sub).StartsWith('.'))
                {
                    pending.Push(sub);
                }
            }
            newer.AddRange(Directory.EnumerateFiles(directory).Where(f => File.GetLastWriteTimeUtc(f) > programTime));
        }
        return newer.Count == 0 ? null : ProjectPaths.Relative(projectDirectory, newer.Order(StringComparer.Ordinal).First());
    }
}
