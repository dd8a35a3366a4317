using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>Has the engine train, evaluate and save the models whose inputs changed (the target passes only those).</summary>
public sealed class TrainModels : EngineTask
{
    /// <summary>The models to train, as <see cref="ComputeModelFingerprints"/> returned them.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>Where each training run's record goes: <c>.reprobuild/runs/</c> beside the project.</summary>
    [Required]
    public string RunsDirectory { get; set; } = "";

    /// <summary><c>$(OutDir)models/</c>, where copies of the models live.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary><c>$(ReproBuildExperiment)</c>: the sweep experiment being built, written into each run record.</summary>
    public string Experiment { get; set; } = "";

    protected override string Command => "train";

    private protected override object? CreateRequest()
    {
        if (Models.Length == 0)
        {
            return null;
        }
        var models = Models.Select(FingerprintedModel.From).ToArray();
        foreach (var model in models)
        {
            ModelOutputs.Delete(Layout, model.Name, OutputModelsDirectory);
        }
        // The engine reports a problem with a model (a parameter, its label) at the model's own element.
        var locator = new ItemLocator(ProjectFile, "Model");
        return new TrainRequest(
            ProjectFile,
            Layout.EngineLogFile,
            Path.GetFullPath(RunsDirectory),
            models.Select(m =>
            {
                var (line, column) = locator.Find(m.Name);
                return new ModelJob(m.InputsFile, m.OutputDirectory, m.TrainDataFile, m.TrainSummaryFile, m.TestDataFile, m.TestSummaryFile, line, column, m.PipelineAssembly);
            }).ToArray(),
            Experiment.Length == 0 ? null : Experiment);
    }
}
