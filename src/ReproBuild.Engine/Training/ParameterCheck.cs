using Microsoft.ML;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Checks a model's trainer parameters without reading its data or training: ReproBuild's own rules (known names,
/// values of the right type, finite numbers, sensible counts — <see cref="TrainerOptionsBinder"/>) and the checks
/// ML.NET's trainer makes when it is created. So every model's parameters are checked before any model trains.
/// </summary>
internal static class ParameterCheck
{
    public static void Run(ModelJob job, string projectFile)
    {
        var inputs = ReproJson.Read<ModelInputs>(job.InputsFile);
        if (inputs.Pipeline is not null)
        {
            return; // a custom pipeline's parameters are its own to read; its errors come when it builds
        }
        var trainer = TrainerRegistry.Find(inputs.Task, inputs.Trainer);
        // Silent: training binds the same parameters again and reports their warnings then, once.
        var options = TrainerOptionsBinder.Bind(
            trainer, inputs.Parameters, inputs.Seed, FeaturePipeline.FeatureColumn, FeaturePipeline.TrainerLabel(inputs.Task, inputs.Label), projectFile, new DiagnosticWriter(TextWriter.Null));
        try
        {
            trainer.Create(new MLContext(inputs.Seed), options);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw TrainerRefusal.From(e, inputs, projectFile);
        }
    }
}
