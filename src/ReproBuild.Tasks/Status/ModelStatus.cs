using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Whether the build would train a model again, decided as <c>_ReproBuildFingerprintModels</c> and the training
/// target's Inputs/Outputs decide it — the inputs document it would write against the one in obj/, then the model's
/// time against the document's — but without writing or training anything.
/// </summary>
internal static class ModelStatus
{
    /// <param name="staleDatasets">Datasets that will be inspected again: their SHA-256 is not known until then.</param>
    /// <param name="sources">Where each dataset comes from: the stale stage that writes it (null when none), and its lineage as the build records it.</param>
    /// <param name="outputModelsDirectory"><c>$(OutDir)models/</c>: a copy there that differs from obj/'s is copied again.</param>
    /// <param name="pipeline">A custom pipeline's compiled code, as the build would fingerprint it now.</param>
    public static StatusEntry Check(
        ModelItem model, IReadOnlyDictionary<string, DatasetSummary?> summaries, IReadOnlySet<string> staleDatasets, Func<string, (string? StaleStage, IReadOnlyList<StageReference>? Lineage)> sources,
        IntermediateLayout layout, string outputModelsDirectory, LockedDigests locked, PipelineCode? pipeline = null)
    {
        var entry = new StatusEntry(StatusEntry.ModelKind, model.Name);
        entry.Metadata["Task"] = model.Task;
        entry.Metadata["Trainer"] = model.Trainer;
        entry.Metadata["OutputDirectory"] = layout.ModelOutputDirectory(model.Name);
        entry.Metadata["EvaluationFile"] = layout.ModelOutputFile(model.Name, ModelOutputFiles.Evaluation);

        foreach (var dataset in new[] { model.Dataset, model.TestDataset }.OfType<string>().Where(staleDatasets.Contains))
        {
            entry.Reasons.Add(sources(dataset).StaleStage is { } stage
                ? $"its data comes from stage '{stage}', which will run again"
                : $"dataset '{dataset}' changed (see above)");
        }
        var train = summaries.GetValueOrDefault(model.Dataset);
        var test = model.TestDataset is null ? null : summaries.GetValueOrDefault(model.TestDataset);
        if (train is null || (model.TestDataset is not null && test is null))
        {
            if (entry.Reasons.Count == 0)
            {
                entry.Reasons.Add("its datasets have not been inspected yet");
            }
            return entry;
        }

        var now = ReproJson.Serialize(ModelInputsFactory.Create(model, train, test, pipeline, sources(model.Dataset).Lineage, model.TestDataset is null ? null : sources(model.TestDataset).Lineage));
        var fingerprint = ModelFingerprint.Of(now);
        // With a dataset or stage still to run, the fingerprint the build will compute is not known yet.
        if (entry.Reasons.Count == 0)
        {
            entry.Metadata["Fingerprint"] = fingerprint;
        }
        var inputsFile = layout.ModelInputsFile(model.Name);
        if (!File.Exists(inputsFile))
        {
            entry.Reasons.Add("never trained: the project has not been built since this model was added");
            return entry;
        }
        var recorded = File.ReadAllText(inputsFile);
        if (recorded != now)
        {
            entry.Reasons.AddRange(InputChanges.Model(ReproJson.Deserialize<ModelInputs>(recorded), ReproJson.Deserialize<ModelInputs>(now)));
            if (entry.Reasons.Count == 0)
            {
                entry.Reasons.Add($"its recorded inputs ({inputsFile}) differ from the current ones");
            }
            return entry;
        }
        if (entry.Reasons.Count > 0)
        {
            return entry;
        }
        // The training target runs when the model is missing or older than its inputs: the last training failed.
        var modelFile = layout.ModelOutputFile(model.Name, ModelOutputFiles.Model);
        if (!File.Exists(modelFile) || File.GetLastWriteTimeUtc(modelFile) < File.GetLastWriteTimeUtc(inputsFile))
        {
            entry.Reasons.Add("its last training did not finish (it failed or was cancelled); build to train it");
            return entry;
        }
        if (ModelOutputCheck.Problem(model.Name, fingerprint, layout.ModelOutputDirectory(model.Name), hashModel: false) is { } problem)
        {
            entry.Reasons.Add($"its outputs under obj/ were not produced for its current inputs ({problem}); the next build removes them and trains it");
            return entry;
        }
        foreach (var copy in ModelOutputs.ChangedCopies(layout, model.Name, outputModelsDirectory))
        {
            entry.Reasons.Add($"{copy} differs from the model that was built (edited by hand?); the next build copies it again");
        }
        if (locked.Problem is null && locked.ModelFingerprints.GetValueOrDefault(model.Name) is var lockedFingerprint && lockedFingerprint != fingerprint)
        {
            entry.Reasons.Add(lockedFingerprint is null
                ? "the lock file has no entry for it yet"
                : $"the lock file records fingerprint {InputChanges.Prefix(lockedFingerprint)}, the build would record {InputChanges.Prefix(fingerprint)}");
        }
        return entry;
    }
}
