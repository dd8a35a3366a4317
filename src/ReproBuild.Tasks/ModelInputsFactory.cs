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
    /// <param name="trainLineage">The stages the training data comes from (<see cref="Stages.StageLineage"/>), when it comes from any.</param>
    public static ModelInputs Create(ModelItem model, DatasetSummary train, DatasetSummary? test, PipelineCode? pipeline = null, IReadOnlyList<StageReference>? trainLineage = null, IReadOnlyList<StageReference>? testLineage = null) =>
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
            new DatasetReference(train.Name, train.Sha256, train.SchemaSha256, trainLineage),
            test is null ? null : new DatasetReference(test.Name, test.Sha256, test.SchemaSha256, testLineage),
            ToolVersions.Engine,
            ToolVersions.MicrosoftML,
            model.TextFeatures,
            pipeline);
}
