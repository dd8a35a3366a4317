using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using ReproBuild.Pipelines;

namespace Names.Pipelines;

/// <summary>
/// Whether a first name is a woman's or a man's, from its letters: character n-grams of one to four letters of each
/// text feature (endings such as "-a" and "-ine" say most), then L-BFGS logistic regression. <c>L2Regularization</c>
/// in the model's Parameters sets the trainer's; the default is ML.NET's.
/// </summary>
public sealed class NameCharacterPipeline : IModelPipeline
{
    public IEstimator<ITransformer> Build(PipelineContext context)
    {
        var ml = context.ML;
        var text = context.FeatureNames(PipelineColumnType.Text);
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            WordFeatureExtractor = null,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true },
        };
        var trainer = new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = context.LabelColumnName,
            FeatureColumnName = "Features",
            NumberOfThreads = 1,
        };
        if (context.Parameters.TryGetValue("L2Regularization", out var l2))
        {
            trainer.L2Regularization = float.Parse(l2, System.Globalization.CultureInfo.InvariantCulture);
        }
        var steps = new List<IEstimator<ITransformer>>();
        steps.AddRange(text.Select(column => ml.Transforms.Text.FeaturizeText(column, options, column)));
        steps.Add(ml.Transforms.Concatenate("Features", [.. text]));
        steps.Add(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(trainer));
        return steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));
    }
}
