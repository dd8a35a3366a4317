using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Training;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Commands;

/// <summary>
/// <c>engine train</c>: checks every model's parameters, then trains each model whose parameters are sound, in turn;
/// one model's error does not hide another's. A problem with a model is reported at its element in the project file.
/// </summary>
internal static class TrainCommand
{
    public static void Run(TrainRequest request, DiagnosticWriter diagnostics)
    {
        // Before anything trains: a parameter that makes no sense fails in seconds, not after the other models' training.
        var sound = request.Models.Where(job => Report(request, job, diagnostics, _ => ParameterCheck.Run(job, request.ProjectFile))).ToArray();
        var datasets = new DatasetCache(diagnostics);
        foreach (var job in sound)
        {
            Report(request, job, diagnostics, atModel => new ModelTrainer(request, atModel, datasets).Train(job));
        }
    }

    private static bool Report(TrainRequest request, ModelJob job, DiagnosticWriter diagnostics, Action<DiagnosticWriter> step)
    {
        var atModel = diagnostics.At(request.ProjectFile, job.Line, job.Column);
        try
        {
            step(atModel);
            return true;
        }
        catch (UserError error)
        {
            atModel.Error(error);
            return false;
        }
    }
}
