using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Every input that decides a stage's outputs, and nothing else: its code (the compiled program, or the command line
/// and its Code files), its input files by SHA-256, the outputs it must write, parameters, seed and ReproBuild's
/// version. No absolute paths or times, so every clone computes the same fingerprint: the SHA-256 of this document,
/// by the rule models use (<see cref="ModelFingerprint"/>). It keys the stage's cache entry and its lock file entry.
/// </summary>
internal sealed record StageInputs(
    string Stage,
    string Kind,
    string Program,
    string CodeDigest,
    SortedDictionary<string, string> Parameters,
    int Seed,
    IReadOnlyList<StageFile> Inputs,
    IReadOnlyList<string> Outputs,
    string EngineVersion)
{
    public string ComputeFingerprint() => ModelFingerprint.Of(ReproJson.Serialize(this));

    /// <summary>The lineage entry of a run of these inputs that wrote <paramref name="outputs"/>.</summary>
    public StageReference WithOutputs(string fingerprint, IReadOnlyList<StageFile> outputs) =>
        new(Stage, fingerprint, Kind, Program, CodeDigest, Parameters, Seed, Inputs, outputs);
}
