using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.ML;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Outputs;
using ReproBuild.Engine.Training;
using ReproBuild.Protocol;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Benchmarks;

/// <summary>
/// Where a training build's engine time goes: the steps of <c>engine inspect</c> and <c>engine train</c>
/// (DatasetInspector, DatasetCache, ModelTrainer) called in one fresh process in the order the engine runs them,
/// each timed on its own. The model is the one benchmarks/run.sh trains: binary classification of <c>label</c>,
/// FastTree with 100 trees of 20 leaves, seed 42, 20% held out. Runs cold, as the engine does (one run).
/// </summary>
internal static class TrainStages
{
    public static int Run(string csv, Options options)
    {
        var stages = new List<(string Stage, double Seconds)>();
        var clock = Stopwatch.StartNew();
        void Stage(string name)
        {
            stages.Add((name, Math.Round(clock.Elapsed.TotalSeconds, 4)));
            clock.Restart();
        }

        var log = new StringWriter();
        var diagnostics = new DiagnosticWriter(log);
        const string task = Catalog.BinaryClassification;
        const string label = "label";
        const int seed = 42;

        // engine inspect: one pass that reads, hashes (SHA-256), checks and profiles the file.
        var summaryFile = Path.Combine(Path.GetTempPath(), $"reprobuild-bench-{Environment.ProcessId}.summary.json");
        var summary = DatasetInspector.Inspect(new DatasetJob("train", csv, ',', HasHeader: true, SummaryFile: summaryFile), diagnostics)
            ?? throw new BenchmarkFailure($"inspection reported findings:\n{log}");
        Stage("inspect (read, SHA-256, cast, profile)");

        // engine train: the table in memory (a second read of the file, checked against the inspected SHA-256).
        var table = new DatasetCache(diagnostics).Load(csv, summary, typesFrom: null);
        Stage("load the table (read, SHA-256, parse)");
        var features = table.Columns.Select(c => c.Name).Where(n => n != label).ToArray();
        var positive = LabelPreparation.PositiveLabel(table, label, null, csv, task);
        table = LabelPreparation.Prepare(table, label, task, positive, csv);
        var ml = new MLContext(seed);
        var all = new TableDataView(table);
        var split = ml.Data.TrainTestSplit(all, 0.2, seed: seed);
        var trainer = TrainerRegistry.Find(task, "FastTree");
        var parameters = new Dictionary<string, string> { ["NumberOfTrees"] = "100", ["NumberOfLeaves"] = "20" };
        var trainerOptions = TrainerOptionsBinder.Bind(trainer, parameters, seed, FeaturePipeline.FeatureColumn, FeaturePipeline.TrainerLabel(task, label), csv, diagnostics);
        var pipeline = FeaturePipeline.Build(ml, trainer, trainerOptions, table, features, [], task);
        Stage("labels, split, pipeline");
        var model = pipeline.Fit(split.TrainSet);
        Stage("fit (featurise + FastTree)");
        var metrics = ModelEvaluator.Evaluate(ml, model.Transform(split.TestSet), task, label);
        Stage("evaluate");
        using var saved = new MemoryStream();
        ml.Model.Save(model, all.Schema, saved);
        Stage("save (ML.NET)");
        var zip = CanonicalZip.Rewrite(saved.ToArray());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(zip));
        Stage("canonical zip + SHA-256");
        var rows = Count(split.TrainSet) + Count(split.TestSet);
        Stage("count train/test rows");
        File.Delete(summaryFile);

        Bench.Emit(new Dictionary<string, object?>
        {
            ["benchmark"] = "train-stages",
            ["label"] = options.Label ?? "train-stages",
            ["file_bytes"] = new FileInfo(csv).Length,
            ["rows"] = rows,
            ["stages"] = stages.Select(s => new Dictionary<string, object> { ["stage"] = s.Stage, ["seconds"] = s.Seconds }).ToArray(),
            ["auc"] = metrics.GetValueOrDefault("AreaUnderRocCurve"),
            ["model_sha256"] = sha256[..12],
        });
        return 0;
    }

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
