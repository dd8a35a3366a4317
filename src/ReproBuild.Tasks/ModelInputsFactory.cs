using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// The document of every input that decides a model's bytes, from its item and its datasets' summaries. One place,
/// so that <see cref="ComputeModelFingerprints"/> (which writes it) and the status check (which compares it with the
/// last one written) can never disagree about what makes a model stale.
/// </summary>
internal static class ModelInputsFactory
{
    /// <param name="pipeline">A custom pipeline's compiled code (<see cref="PipelineReferences"/>); null for the built-in featuriser.</param>
    public static ModelInputs Create(ModelItem model, DatasetSummary train, DatasetSummary? test, PipelineCode? pipeline = null) =>
        new(
            model.Name,
            model.Task,
            model.Label,
            model.PositiveLabel,
            model.Features,
            model.Ignore,
            model.Trainer,
            model.Parameters,
            model.Seed,
            test is null ? model.TestFraction : null,
            new DatasetReference(train.Name, train.Sha256, train.SchemaSha256),
            test is null ? null : new DatasetReference(test.Name, test.Sha256, test.SchemaSha256),
            ToolVersions.Engine,
            ToolVersions.MicrosoftML,
            model.TextFeatures,
            pipeline);
}
