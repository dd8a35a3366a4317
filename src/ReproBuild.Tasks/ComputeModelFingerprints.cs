using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the <c>Model</c> items and writes, per model, the document of every input that decides its bytes
/// (datasets by SHA-256, task, label, features, trainer, parameters, seed, split, tool versions). The file is
/// rewritten only when that content changes, so it is the training target's Inputs: a touched dataset or an
/// unrelated project edit does not retrain.
/// </summary>
public sealed class ComputeModelFingerprints : ReproBuildTask, IIncrementalTask
{
    /// <summary>The project's <c>Model</c> items.</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The datasets as <see cref="HashDatasets"/> returned them, inspected.</summary>
    [Required]
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary><c>$(OutDir)models/</c>: the copies of outputs that are removed go from there too.</summary>
    public string OutputModelsDirectory { get; set; } = "";

    /// <summary>The version of a model that sets none: the project's <c>Version</c>.</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>The pipeline stages as <see cref="Stages.RunStages"/> returned them: a dataset one of them wrote carries its lineage.</summary>
    public ITaskItem[] Stages { get; set; } = [];

    /// <summary>The implementation assemblies of the projects this one references: where custom pipelines are found.</summary>
    public ITaskItem[] PipelineReferences { get; set; } = [];

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    /// <summary>One item per model (identity: its inputs file) with its Name, Fingerprint and the paths its training reads and writes.</summary>
    [Output]
    public ITaskItem[] FingerprintedModels { get; private set; } = [];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var layout = new IntermediateLayout(IntermediateDirectory);
        var datasets = Datasets.Select(HashedDataset.From).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var outputs = new List<ITaskItem>();
        var lineage = Stages.Length == 0 ? Tasks.Stages.StageLineage.None : Tasks.Stages.StageLineage.Load(Stages.Select(s => s.GetMetadata("RecordFile")));
        var projectDirectory = ProjectFile.Length == 0 ? "" : Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var pipelines = Code.PipelineReferences.From(PipelineReferences);

        foreach (var model in ModelItem.ParseAll(Models, datasets.Keys, DefaultVersion, problems))
        {
            var pipeline = model.Pipeline is null ? null : pipelines.Resolve(Models.First(item => ModelItem.NameOf(item) == model.Name), model, problems);
            if (model.Pipeline is not null && pipeline is null)
            {
                continue;
            }
            var train = datasets[model.Dataset];
            var test = model.TestDataset is null ? null : datasets[model.TestDataset];
            var trainSummary = ReproJson.Read<DatasetSummary>(train.SummaryFile);
            var testSummary = test is null ? null : ReproJson.Read<DatasetSummary>(test.SummaryFile);
            var inputs = ModelInputsFactory.Create(model, trainSummary, testSummary, pipeline?.Code, lineage.Of(train.DataFile, projectDirectory), test is null ? null : lineage.Of(test.DataFile, projectDirectory));

            var inputsFile = layout.ModelInputsFile(model.Name);
            var inputsText = ReproJson.Serialize(inputs);
            var inputsChanged = AtomicFile.WriteAllTextIfChanged(inputsFile, inputsText, dryRun: FailIfNotIncremental);
            if (inputsChanged && FailIfNotIncremental)
            {
                Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, $"Model '{model.Name}' has new inputs since the last build and must be trained again.");
            }

            var fingerprint = ModelFingerprint.Of(inputsText);
            RemoveOutputsOfOtherInputs(layout, model.Name, fingerprint, quietly: inputsChanged);

            outputs.Add(new FingerprintedModel(
                inputsFile, model.Name, fingerprint, model.Version, layout.ModelOutputDirectory(model.Name),
                layout.ModelOutputFile(model.Name, ModelOutputFiles.Model), layout.ModelOutputFile(model.Name, ModelOutputFiles.Result),
                train.DataFile, train.SummaryFile, test?.DataFile, test?.SummaryFile, pipeline?.Assembly).ToItem());
        }

        FingerprintedModels = [.. outputs];
        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// The training target trusts a model whose files are newer than its inputs document. Files that were not produced
    /// for these inputs — an engine orphaned by a killed build finishing late, a folder restored by hand — can be newer
    /// too, so they are removed here, before that check, and the model is built again.
    /// </summary>
    /// <param name="quietly">The inputs changed in this build: the old outputs are simply out of date, nothing to report.</param>
    private void RemoveOutputsOfOtherInputs(IntermediateLayout layout, string model, string fingerprint, bool quietly)
    {
        var outputDirectory = layout.ModelOutputDirectory(model);
        if (!Directory.Exists(outputDirectory) || ModelOutputCheck.Problem(model, fingerprint, outputDirectory, hashModel: false) is not { } problem)
        {
            return;
        }
        if (FailIfNotIncremental)
        {
            Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, $"Model '{model}' must be built again: its outputs under obj/ are not the ones its current inputs produce ({problem}).");
            return;
        }
        ModelOutputs.Delete(layout, model, OutputModelsDirectory);
        if (quietly)
        {
            return;
        }
        Log.LogMessage(MessageImportance.High, $"ReproBuild: the outputs of model '{model}' under obj/ were not produced for its current inputs ({problem}); they were removed and the model is built again.");
    }
}
