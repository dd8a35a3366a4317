using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Outputs;
using ReproBuild.Protocol;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Engine.Training;

/// <summary>
/// Trains, evaluates and saves one model. The previous outputs are deleted first and the new ones appear whole, by
/// <see cref="ModelOutputFolder"/>, only when complete and still wanted, so a failed, cancelled or overtaken run
/// leaves nothing that looks like a current model.
/// </summary>
internal sealed class ModelTrainer(TrainRequest request, DiagnosticWriter diagnostics, DatasetCache datasets)
{
    public void Train(ModelJob job)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var inputsBytes = File.ReadAllBytes(job.InputsFile);
        var inputs = ReproJson.Deserialize<ModelInputs>(System.Text.Encoding.UTF8.GetString(inputsBytes));
        var fingerprint = ModelFingerprint.Of(inputsBytes);
        ModelOutputFolder.Clear(job.OutputDirectory);

        var trainSummary = ReproJson.Read<DatasetSummary>(job.TrainSummaryFile);
        var testSummary = job.TestSummaryFile is null ? null : ReproJson.Read<DatasetSummary>(job.TestSummaryFile);
        var train = datasets.Load(job.TrainDataFile, trainSummary, typesFrom: null);
        var test = job.TestDataFile is null ? null : datasets.Load(job.TestDataFile, testSummary!, typesFrom: trainSummary.Columns);

        var features = SelectFeatures(inputs, train, test);
        var positive = LabelPreparation.PositiveLabel(train, inputs.Label, inputs.PositiveLabel, request.ProjectFile, inputs.Task);
        var binaryClasses = LabelPreparation.BinaryClassNames(train, inputs.Label, positive);
        train = LabelPreparation.Prepare(train, inputs.Label, inputs.Task, positive, request.ProjectFile);
        test = test is null ? null : LabelPreparation.Prepare(test, inputs.Label, inputs.Task, positive, request.ProjectFile);

        // A fresh context per model: reusing one changes results (docs/facts.md).
        var ml = new MLContext(inputs.Seed);
        var all = new TableDataView(train);
        IDataView trainView, testView;
        if (test is null)
        {
            var split = ml.Data.TrainTestSplit(all, inputs.TestFraction ?? 0.2, seed: inputs.Seed);
            (trainView, testView) = (split.TrainSet, split.TestSet);
        }
        else
        {
            (trainView, testView) = (all, new TableDataView(test));
        }

        // Drift checks compare with the rows the trainer learnt from, in the types it saw them: after the split, before any featurisation.
        var reference = ReferenceBuilder.Build(inputs.Model, trainView, features).ToJson();
        var referenceSha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference)));

        if (FeaturePipeline.FitLabelKeys(ml, all, inputs.Task, inputs.Label) is { } labelKeys)
        {
            (trainView, testView) = (labelKeys.Transform(trainView), labelKeys.Transform(testView));
        }

        var (pipeline, trainerPackage) = Pipeline(ml, inputs, job, train, features);

        ITransformer model;
        SortedDictionary<string, double?> metrics;
        EvaluationDocument evaluation;
        try
        {
            model = pipeline.Fit(trainView);
            var scored = model.Transform(testView);
            metrics = CheckedEvaluation.Evaluate(ml, model, trainView, scored, inputs, trainSummary, request.ProjectFile, diagnostics);
            evaluation = EvaluationPlots.Create(model, scored, inputs, binaryClasses);
        }
        catch (Exception e) when (inputs.Pipeline is not null && e is not UserError and not OutOfMemoryException)
        {
            throw CustomPipeline.Failed(inputs, "failed to fit or to be evaluated", e, request.ProjectFile);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw TrainerRefusal.From(e, inputs, request.ProjectFile);
        }

        using var saved = new MemoryStream();
        ml.Model.Save(model, all.Schema, saved);
        var zip = CanonicalZip.Rewrite(saved.ToArray());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(zip));
        var trainRows = Count(trainView);
        var testRows = Count(testView);

        var inputColumns = features.Select(name => new ModelColumn(name, train.Find(name) is NumberColumn ? ColumnSummary.Number : ColumnSummary.Text)).ToArray();
        var classes = binaryClasses ?? (trainView.Schema.GetColumnOrNull(ModelEvaluator.KeyLabelColumn) is { } keys ? EvaluationPlots.ClassNames(keys) : null);
        var result = new ModelResult(inputs.Model, fingerprint, sha256, inputs.Task, inputs.Trainer, trainRows, testRows, metrics, inputColumns, classes);
        using var outputs = new ModelOutputFolder(job.OutputDirectory);
        outputs.Add(ModelOutputFiles.Model, zip);
        outputs.Add(ModelOutputFiles.Provenance, ProvenanceDocument.Create(inputs, positive, fingerprint, sha256, referenceSha256, trainerPackage, trainSummary, testSummary, metrics));
        outputs.Add(ModelOutputFiles.Reference, reference);
        outputs.Add(ModelOutputFiles.Metrics, ReproJson.Serialize(new { result.Model, result.Task, result.TrainRows, result.TestRows, EvaluatedOn = inputs.TestDataset?.Name ?? $"split:{inputs.TestFraction?.ToString("R", CultureInfo.InvariantCulture)}", result.Metrics }));
        outputs.Add(ModelOutputFiles.Result, ReproJson.Serialize(result));
        outputs.Add(ModelOutputFiles.Evaluation, ReproJson.Serialize(evaluation));

        clock.Stop();
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal) { [inputs.Dataset.Name] = inputs.Dataset.Sha256 };
        if (inputs.TestDataset is { } testDataset)
        {
            digests[testDataset.Name] = testDataset.Sha256;
        }
        var record = new RunRecord(
            inputs.Model, started, Math.Round(clock.Elapsed.TotalSeconds, 3), Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            GitRevision.Find(Path.GetDirectoryName(request.ProjectFile)!), fingerprint, sha256, inputs.Task, inputs.Trainer, inputs.Parameters, inputs.Seed,
            digests,
            trainRows, testRows, metrics, inputs.EngineVersion, inputs.MicrosoftMLVersion, request.Experiment);
        // The run record before the outputs: a run whose record could not be written leaves no model that looks current.
        record.Write(request.RunsDirectory);
        // A run overtaken by newer inputs (an edit and a new build while this one trained) publishes nothing.
        if (ModelFingerprint.OfFile(job.InputsFile) != fingerprint)
        {
            throw new UserError(ErrorCodes.OutputsNotForCurrentInputs,
                $"the inputs of model '{inputs.Model}' changed while it trained (another build of this project, or an edit during the build); what it trained was discarded. Build again.", request.ProjectFile);
        }
        outputs.MoveIntoPlace();

        var headline = string.Join(", ", Catalog.HeadlineMetrics(inputs.Task).Where(name => metrics.GetValueOrDefault(name) is not null).Select(name => $"{name} {metrics[name]!.Value.ToString("0.####", CultureInfo.InvariantCulture)}"));
        diagnostics.Info($"ReproBuild: trained {inputs.Model} ({inputs.Trainer}, {trainRows} rows) in {clock.Elapsed.TotalSeconds:0.0} s: {headline}; sha256 {sha256[..12]}");
    }

    /// <summary>The estimator to fit — the built-in featuriser and trainer, or the model's custom pipeline — and the trainer's package, for provenance.</summary>
    private (IEstimator<ITransformer> Pipeline, string TrainerPackage) Pipeline(MLContext ml, ModelInputs inputs, ModelJob job, Table train, string[] features)
    {
        if (inputs.Pipeline is not null)
        {
            var custom = CustomPipeline.Build(inputs, job.PipelineAssembly, ml, train, features, request.ProjectFile);
            return (FeaturePipeline.Chain(ml, [custom], inputs.Task), "Microsoft.ML");
        }
        var trainer = TrainerRegistry.Find(inputs.Task, inputs.Trainer);
        var options = TrainerOptionsBinder.Bind(
            trainer, inputs.Parameters, inputs.Seed, FeaturePipeline.FeatureColumn, FeaturePipeline.TrainerLabel(inputs.Task, inputs.Label), request.ProjectFile, diagnostics);
        return (FeaturePipeline.Build(ml, trainer, options, train, features, inputs.TextFeatures ?? [], inputs.Task), trainer.Package);
    }

    private string[] SelectFeatures(ModelInputs inputs, Table train, Table? test)
    {
        if (train.Find(inputs.Label) is null)
        {
            throw new UserError(ErrorCodes.LabelColumnNotFound, $"label column '{inputs.Label}' of model '{inputs.Model}' is not in dataset '{train.Name}'. Columns: {Columns(train)}.", request.ProjectFile);
        }
        foreach (var column in inputs.Features.Concat(inputs.Ignore))
        {
            if (train.Find(column) is null)
            {
                throw new UserError(ErrorCodes.FeatureColumnNotFound, $"column '{column}' named by model '{inputs.Model}' is not in dataset '{train.Name}'. Columns: {Columns(train)}.", request.ProjectFile);
            }
        }
        var features = ModelFeatures.Select(inputs.Features, inputs.Ignore, inputs.Label, train.Columns.Select(c => c.Name));
        if (features.Length == 0)
        {
            throw new UserError(ErrorCodes.FeatureColumnNotFound, $"model '{inputs.Model}' has no feature columns left.", request.ProjectFile);
        }
        foreach (var column in inputs.TextFeatures ?? [])
        {
            var problem = train.Find(column) is null ? $"is not in dataset '{train.Name}'"
                : !features.Contains(column) ? "is not one of its features"
                : train.Find(column) is not TextColumn ? "is read as numbers, not text (a schema can declare it a string)"
                : null;
            if (problem is not null)
            {
                throw new UserError(ErrorCodes.TextFeatureNotText, $"column '{column}' in TextFeatures of model '{inputs.Model}' {problem}; TextFeatures names text columns among the model's features.", request.ProjectFile);
            }
        }
        foreach (var column in features.Append(inputs.Label))
        {
            if (test is not null && test.Find(column) is null)
            {
                throw new UserError(ErrorCodes.FeatureColumnNotFound, $"column '{column}' of model '{inputs.Model}' is not in test dataset '{test.Name}'.", request.ProjectFile);
            }
        }
        return features;
    }

    private static string Columns(Table table) => string.Join(", ", table.Columns.Select(c => $"'{c.Name}'"));

    private static long Count(IDataView view)
    {
        using var cursor = view.GetRowCursor([]);
        long rows = 0;
        while (cursor.MoveNext())
        {
            rows++;
        }
        return rows;
    }
}
