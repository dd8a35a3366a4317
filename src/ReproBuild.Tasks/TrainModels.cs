using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Gates;

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

    protected override string Command => "train";

    private protected override object? CreateRequest()
    {
        if (Models.Length == 0)
        {
            return null;
        }
        foreach (var model in Models)
        {
            ModelOutputs.Delete(Layout, model.GetMetadata("Name"), OutputModelsDirectory);
        }
        // The engine reports a problem with a model (a parameter, its label) at the model's own element.
        var locator = new ItemLocator(ProjectFile, "Model");
        return new TrainRequest(
            ProjectFile,
            Layout.EngineLogFile,
            Path.GetFullPath(RunsDirectory),
            Models.Select(m =>
            {
                var (line, column) = locator.Find(m.GetMetadata("Name"));
                return new ModelJob(
                    m.ItemSpec,
                    m.GetMetadata("OutputDirectory"),
                    m.GetMetadata("TrainDataFile"),
                    m.GetMetadata("TrainSummaryFile"),
                    NullIfEmpty(m.GetMetadata("TestDataFile")),
                    NullIfEmpty(m.GetMetadata("TestSummaryFile")),
                    line,
                    column);
            }).ToArray());
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
