using Microsoft.ML;

namespace ReproBuild.Pipelines;

/// <summary>What a <see cref="IModelPipeline"/> builds from: the model's context, columns, seed and parameters.</summary>
public sealed class PipelineContext
{
    /// <summary>Creates a context; ReproBuild's engine makes one per model.</summary>
    public PipelineContext(MLContext ml, string model, string task, string labelColumnName, int seed, IReadOnlyList<PipelineColumn> columns, IReadOnlyDictionary<string, string> parameters)
    {
        ML = ml;
        Model = model;
        Task = task;
        LabelColumnName = labelColumnName;
        Seed = seed;
        Columns = columns;
        Parameters = parameters;
    }

    /// <summary>The ML.NET context, seeded with <see cref="Seed"/>: use it for every transform and trainer.</summary>
    public MLContext ML { get; }

    /// <summary>The model's name (the <c>Model</c> item's <c>Include</c>).</summary>
    public string Model { get; }

    /// <summary><c>BinaryClassification</c>, <c>MulticlassClassification</c> or <c>Regression</c>.</summary>
    public string Task { get; }

    /// <summary>
    /// The column the trainer reads its label from: the label column itself (a boolean for binary classification, a
    /// number for regression), or for multiclass classification a key column ReproBuild makes from it, whose values it
    /// maps back to the label's after your estimator.
    /// </summary>
    public string LabelColumnName { get; }

    /// <summary>The model's <c>Seed</c>: every random choice should derive from it.</summary>
    public int Seed { get; }

    /// <summary>Every column of the training data, with its type and its role in this model.</summary>
    public IReadOnlyList<PipelineColumn> Columns { get; }

    /// <summary>The <c>Model</c> item's <c>Parameters</c> (<c>Name=Value;…</c>), for the pipeline to interpret.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The names of the feature columns, in the data's order.</summary>
    public IReadOnlyList<string> FeatureNames(PipelineColumnType? type = null) =>
        [.. Columns.Where(c => c.Role == PipelineColumnRole.Feature && (type is null || c.Type == type)).Select(c => c.Name)];
}
