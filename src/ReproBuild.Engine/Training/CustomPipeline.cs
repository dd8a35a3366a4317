using System.Reflection;
using Microsoft.ML;
using ReproBuild.Pipelines;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Training;

/// <summary>
/// A model's pipeline from user code (README, "Custom pipelines"): the type its <c>Pipeline</c> metadata names,
/// loaded from the referenced library in a <see cref="PipelineLoadContext"/>, asked for its estimator. Whatever goes
/// wrong in that code is the user's to fix, so it becomes an error at the model's element with the user's own message.
/// </summary>
internal static class CustomPipeline
{
    public static IEstimator<ITransformer> Build(ModelInputs inputs, string? assemblyPath, MLContext ml, Table train, IReadOnlyList<string> features, string projectFile)
    {
        var code = inputs.Pipeline!;
        if (assemblyPath is null || !File.Exists(assemblyPath))
        {
            throw new UserError(ErrorCodes.PipelineNotFound, $"the library '{code.Assembly}' that defines pipeline {code.Type} of model '{inputs.Model}' was not found; build the project again.", projectFile);
        }
        var type = Load(assemblyPath).GetType(code.Type, throwOnError: false);
        if (type is null)
        {
            throw new UserError(ErrorCodes.PipelineNotFound, $"'{code.Assembly}' defines no type {code.Type} (pipeline of model '{inputs.Model}').", projectFile);
        }
        if (!typeof(IModelPipeline).IsAssignableFrom(type))
        {
            var foreign = type.GetInterfaces().FirstOrDefault(i => i.FullName == typeof(IModelPipeline).FullName);
            var why = foreign is null
                ? $"it does not implement {typeof(IModelPipeline).FullName} (package ReproBuild.Pipelines)"
                : $"it implements {typeof(IModelPipeline).FullName} from another copy of ReproBuild.Pipelines ({foreign.Assembly.GetName().Version}) than ReproBuild's ({typeof(IModelPipeline).Assembly.GetName().Version})";
            throw new UserError(ErrorCodes.PipelineInvalid, $"pipeline {code.Type} of model '{inputs.Model}' cannot be used: {why}.", projectFile);
        }
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new UserError(ErrorCodes.PipelineInvalid, $"pipeline {code.Type} of model '{inputs.Model}' cannot be used: it needs a public parameterless constructor and must not be abstract.", projectFile);
        }

        IEstimator<ITransformer>? estimator;
        try
        {
            var pipeline = (IModelPipeline)Activator.CreateInstance(type)!;
            estimator = pipeline.Build(new PipelineContext(ml, inputs.Model, inputs.Task, FeaturePipeline.TrainerLabel(inputs.Task, inputs.Label), inputs.Seed, Columns(train, inputs.Label, features), inputs.Parameters));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Failed(inputs, "threw while building its estimator", e, projectFile);
        }
        return estimator ?? throw new UserError(ErrorCodes.PipelineInvalid, $"pipeline {code.Type} of model '{inputs.Model}' returned no estimator (null) from Build.", projectFile);
    }

    /// <summary>The user's exception, without ReproBuild's or ML.NET's wrapping, and never with a stack trace.</summary>
    public static UserError Failed(ModelInputs inputs, string what, Exception exception, string projectFile)
    {
        var cause = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        cause = cause.GetBaseException();
        return new UserError(ErrorCodes.PipelineFailed, $"pipeline {inputs.Pipeline!.Type} of model '{inputs.Model}' {what}: {cause.GetType().Name}: {cause.Message}", projectFile);
    }

    private static Assembly Load(string assemblyPath) => new PipelineLoadContext(assemblyPath).LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));

    private static PipelineColumn[] Columns(Table train, string label, IReadOnlyList<string> features) =>
        [.. train.Columns.Select(column => new PipelineColumn(
            column.Name,
            column switch
            {
                NumberColumn => PipelineColumnType.Number,
                BooleanColumn => PipelineColumnType.Boolean,
                _ => PipelineColumnType.Text,
            },
            column.Name == label ? PipelineColumnRole.Label : features.Contains(column.Name) ? PipelineColumnRole.Feature : PipelineColumnRole.Ignored))];
}
