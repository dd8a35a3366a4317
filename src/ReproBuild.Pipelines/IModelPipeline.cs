using Microsoft.ML;

namespace ReproBuild.Pipelines;

/// <summary>
/// A model's ML.NET pipeline written in C#. A <c>Model</c> item names the implementing type in its <c>Pipeline</c>
/// metadata; the type lives in a class library the model project references (<c>ProjectReference</c>) and needs a
/// public parameterless constructor. ReproBuild loads the data, splits it, prepares the label, fits the estimator
/// returned here on the training rows, evaluates, saves and embeds the model as for any other model.
/// </summary>
public interface IModelPipeline
{
    /// <summary>
    /// The estimator to fit: featurisation and a trainer of the model's task that reads
    /// <see cref="PipelineContext.LabelColumnName"/> as its label and writes ML.NET's usual output columns
    /// (<c>Score</c>, <c>PredictedLabel</c>, and <c>Probability</c> for calibrated binary classifiers).
    /// </summary>
    IEstimator<ITransformer> Build(PipelineContext context);
}
