using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

// usage: HandWritten <train.csv> <model.zip>
// The model benchmarks/run.sh builds with ReproBuild, written the way ML.NET's samples write it: the same columns,
// the same featurisation as the engine's FeaturePipeline (mean imputation of numbers, one-hot text, concatenate),
// FastTree with 100 trees of 20 leaves on one thread, seed 42, 20% held out by TrainTestSplit. Prints one JSON line
// with the time of each step.
var clock = Stopwatch.StartNew();
var steps = new Dictionary<string, double>();
void Step(string name)
{
    steps[name] = Math.Round(clock.Elapsed.TotalSeconds, 4);
    clock.Restart();
}

const int seed = 42;
var ml = new MLContext(seed);
var numeric = Enumerable.Range(0, 8).Select(i => $"f{i}").ToArray();
var columns = numeric.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i))
    .Append(new TextLoader.Column("segment", DataKind.String, 8))
    .Append(new TextLoader.Column("label", DataKind.Boolean, 9))
    .ToArray();
var data = ml.Data.LoadFromTextFile(args[0], columns, separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: seed);
var pipeline = ml.Transforms.ReplaceMissingValues(numeric.Select(n => new InputOutputColumnPair(n, n)).ToArray(), MissingValueReplacingEstimator.ReplacementMode.Mean)
    .Append(ml.Transforms.Categorical.OneHotEncoding("segment"))
    .Append(ml.Transforms.Concatenate("Features", [.. numeric, "segment"]))
    .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
    {
        LabelColumnName = "label",
        FeatureColumnName = "Features",
        NumberOfTrees = 100,
        NumberOfLeaves = 20,
        NumberOfThreads = 1,
        Seed = seed,
    }));
Step("load and pipeline");
var model = pipeline.Fit(split.TrainSet);
Step("fit");
var metrics = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), labelColumnName: "label");
Step("evaluate");
ml.Model.Save(model, data.Schema, args[1]);
Step("save");
Console.WriteLine(JsonSerializer.Serialize(new
{
    steps,
    auc = Math.Round(metrics.AreaUnderRocCurve, 4),
    accuracy = Math.Round(metrics.Accuracy, 4),
}));
