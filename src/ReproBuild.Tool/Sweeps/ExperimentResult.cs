namespace ReproBuild.Tool.Sweeps;

/// <summary>What building one experiment gave: how its model came to be and what it scored.</summary>
/// <param name="Outcome"><see cref="LastBuild.Trained"/>, <see cref="LastBuild.Restored"/>, or <see cref="Missing"/> (collect: in no cache).</param>
/// <param name="Task">The model's task; null when missing.</param>
/// <param name="Metrics">The test metrics; empty when missing.</param>
/// <param name="Sha256">The model's digest; null when missing.</param>
internal sealed record ExperimentResult(Experiment Experiment, string Outcome, string? Task, IReadOnlyDictionary<string, double?> Metrics, string? Sha256)
{
    public const string Missing = "missing";

    /// <summary>The experiment's seed, or the model's own when the sweep did not set one.</summary>
    public int Seed { get; init; }

    /// <summary>Every parameter the experiment's model trained with (the model's own, overrides in place).</summary>
    public string Parameters { get; init; } = "";
}
