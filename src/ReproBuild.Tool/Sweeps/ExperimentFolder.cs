using System.Text.Json;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// An experiment's own folder, <c>obj/…/reprobuild/experiments/&lt;id&gt;/</c>, where its build fingerprints, trains or
/// restores its model and records what it did (the layout of build/ReproBuild.targets, under another root).
/// </summary>
internal sealed class ExperimentFolder(string intermediateDirectory, Experiment experiment)
{
    /// <summary>The folder of every experiment, inside ReproBuild's folder under obj/.</summary>
    public const string Parent = "experiments";

    public string Root { get; } = Path.Combine(intermediateDirectory, Parent, experiment.Id);

    /// <summary>Emptied before each build, so its outcome says what the cache (or training) gave this time.</summary>
    public void Clear()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Reads what the build left; an error when it left no account of the experiment's model.</summary>
    public ExperimentResult Read(int seed, string parameters)
    {
        var lastBuildFile = Path.Combine(Root, LastBuild.FileName);
        if (!File.Exists(lastBuildFile) || !ReproJson.Read<LastBuild>(lastBuildFile).Models.TryGetValue(experiment.Model, out var outcome))
        {
            throw new ToolError($"The build of experiment {experiment.Id} left no account of model {experiment.Model} in {lastBuildFile}; run it again with -v diag to see what the build did.");
        }
        if (outcome == LastBuild.Skipped)
        {
            return new ExperimentResult(experiment, ExperimentResult.Missing, null, new Dictionary<string, double?>(), null) { Seed = seed, Parameters = parameters };
        }
        var resultFile = Path.Combine(Root, "models", experiment.Model, ResultFileName);
        try
        {
            var result = ReproJson.Read<TrainedModel>(resultFile);
            return new ExperimentResult(experiment, outcome, result.Task, result.Metrics ?? [], result.Sha256) { Seed = seed, Parameters = parameters };
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new ToolError($"Experiment {experiment.Id}: {resultFile} could not be read ({e.Message}); run the sweep again.");
        }
    }

    // The engine's result file (src/Shared/Protocol: ModelOutputFiles.Result), read with a type of the tool's own.
    private const string ResultFileName = "result.json";

    private sealed record TrainedModel(string Task, string Sha256, SortedDictionary<string, double?>? Metrics);
}
