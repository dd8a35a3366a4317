namespace ReproBuild.Pipelines;

/// <summary>A column of the training data as the pipeline sees it.</summary>
/// <param name="Name">The column's name in the data.</param>
/// <param name="Type">How ReproBuild reads it.</param>
/// <param name="Role">What the model does with it.</param>
public sealed record PipelineColumn(string Name, PipelineColumnType Type, PipelineColumnRole Role);

/// <summary>How a column is read.</summary>
public enum PipelineColumnType
{
    /// <summary>A <see cref="float"/> (ML.NET's <c>Single</c>); missing values are NaN.</summary>
    Number,

    /// <summary>Text (ML.NET's <c>ReadOnlyMemory&lt;char&gt;</c>); missing values are empty.</summary>
    Text,

    /// <summary>A <see cref="bool"/>: the label of a binary model.</summary>
    Boolean,
}

/// <summary>What a model does with a column, from its <c>LabelColumn</c>, <c>Features</c> and <c>Ignore</c> metadata.</summary>
public enum PipelineColumnRole
{
    /// <summary>The label the model predicts.</summary>
    Label,

    /// <summary>An input of the model: predictions read it.</summary>
    Feature,

    /// <summary>Neither: a prediction does not read it.</summary>
    Ignored,
}
