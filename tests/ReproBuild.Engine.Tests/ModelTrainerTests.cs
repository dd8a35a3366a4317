using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReproBuild.Engine.Data;
using ReproBuild.Protocol;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

/// <summary>End-to-end training through <c>engine train</c>, in-process, on tiny generated datasets with cheap trainers.</summary>
[TestClass]
public sealed class ModelTrainerTests : TempFolderTest
{
    private const string FastTreeParameters = "NumberOfTrees=5;NumberOfLeaves=4;MinimumExampleCountPerLeaf=2";

    private static ModelInputs BinaryFastTree(int seed = 42) =>
        TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", FastTreeParameters, seed);

    private static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    [TestMethod]
    public void BinaryTrainingWritesModelProvenanceMetricsAndResult()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree());

        run.AssertSucceeded();
        foreach (var file in new[] { ModelOutputFiles.Model, ModelOutputFiles.Provenance, ModelOutputFiles.Metrics, ModelOutputFiles.Result })
        {
            Assert.IsTrue(File.Exists(run.OutputFile(file)), $"{file} was not written");
        }
        Assert.IsFalse(Directory.Exists(Path.Combine(Path.GetDirectoryName(run.OutputDirectory)!, ".staging")), "the staging folder is moved into place");

        var result = run.Result;
        Assert.AreEqual("Model", result.Model);
        Assert.AreEqual(Catalog.BinaryClassification, result.Task);
        Assert.AreEqual("FastTree", result.Trainer);
        Assert.AreEqual(Sha256Of(run.OutputFile(ModelOutputFiles.Model)), result.Sha256);
        Assert.AreEqual(Sha256Of(Temp.File("obj/models/Model.inputs.json")), result.Fingerprint, "the fingerprint is the SHA-256 of the inputs document");
        Assert.AreEqual(200L, result.TrainRows + result.TestRows);
        Assert.IsTrue(result.TestRows is > 10 and < 90, $"about a fifth of the rows are held out, got {result.TestRows}");
        Assert.IsTrue(result.Metrics["AreaUnderRocCurve"] > 0.9, $"AUC {result.Metrics["AreaUnderRocCurve"]} on separable data");
        Assert.IsTrue(result.Metrics.ContainsKey("Accuracy") && result.Metrics.ContainsKey("F1Score"));
        StringAssert.Contains(run.Output, "ReproBuild: trained Model (FastTree");

        using var metrics = JsonDocument.Parse(File.ReadAllText(run.OutputFile(ModelOutputFiles.Metrics)));
        Assert.AreEqual(result.Metrics["AreaUnderRocCurve"], metrics.RootElement.GetProperty("metrics").GetProperty("AreaUnderRocCurve").GetDouble());
    }

    [TestMethod]
    public void ProvenanceIsAnInTotoStatementAboutTheModel()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree());
        run.AssertSucceeded();

        var json = File.ReadAllText(run.OutputFile(ModelOutputFiles.Provenance));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", root.GetProperty("_type").GetString());
        Assert.AreEqual("https://slsa.dev/provenance/v1", root.GetProperty("predicateType").GetString());
        var subject = root.GetProperty("subject")[0];
        Assert.AreEqual("Model.zip", subject.GetProperty("name").GetString());
        Assert.AreEqual(Sha256Of(run.OutputFile(ModelOutputFiles.Model)), subject.GetProperty("digest").GetProperty("sha256").GetString());

        var definition = root.GetProperty("predicate").GetProperty("buildDefinition");
        var dataset = definition.GetProperty("resolvedDependencies").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "dataset:data");
        Assert.AreEqual(Sha256Of(Temp.File("data/data.csv")), dataset.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual("5", definition.GetProperty("externalParameters").GetProperty("parameters").GetProperty("NumberOfTrees").GetString());
        Assert.AreEqual(42, definition.GetProperty("externalParameters").GetProperty("seed").GetInt32());
        Assert.AreEqual(run.Result.Metrics["AreaUnderRocCurve"], root.GetProperty("predicate").GetProperty("reprobuild_metrics").GetProperty("AreaUnderRocCurve").GetDouble());

        Assert.IsFalse(json.Contains(Temp.Path, StringComparison.Ordinal), "provenance holds no absolute paths");
        Assert.IsFalse(json.Contains(Environment.MachineName, StringComparison.Ordinal) && Environment.MachineName.Length > 3, "provenance holds no host name");

        // The runtime library reads what the engine writes.
        var provenance = ModelProvenance.Parse(json);
        Assert.AreEqual(run.Result.Sha256, provenance.Sha256);
        Assert.AreEqual(42, provenance.Seed);
    }

    [TestMethod]
    public void SameInputsGiveTheSameModelBytes()
    {
        var first = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(), outputName: "first");
        var second = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(), outputName: "second");

        first.AssertSucceeded();
        second.AssertSucceeded();
        Assert.AreEqual(first.Result.Sha256, second.Result.Sha256);
        CollectionAssert.AreEqual(File.ReadAllBytes(first.OutputFile(ModelOutputFiles.Model)), File.ReadAllBytes(second.OutputFile(ModelOutputFiles.Model)));
        Assert.AreEqual(File.ReadAllText(first.OutputFile(ModelOutputFiles.Provenance)), File.ReadAllText(second.OutputFile(ModelOutputFiles.Provenance)));
    }

    [TestMethod]
    public void SdcaTrainingIsDeterministicToo()
    {
        var inputs = TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca", "MaximumNumberOfIterations=5");
        var first = TrainingFixture.Train(Temp, TrainingFixture.RegressionCsv(), inputs, outputName: "first");
        var second = TrainingFixture.Train(Temp, TrainingFixture.RegressionCsv(), inputs, outputName: "second");

        first.AssertSucceeded();
        second.AssertSucceeded();
        Assert.AreEqual(first.Result.Sha256, second.Result.Sha256);
    }

    [TestMethod]
    public void DifferentSeedGivesADifferentModel()
    {
        var first = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(seed: 1), outputName: "first");
        var second = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(seed: 2), outputName: "second");

        first.AssertSucceeded();
        second.AssertSucceeded();
        Assert.AreNotEqual(first.Result.Sha256, second.Result.Sha256);
        Assert.AreNotEqual(first.Result.Fingerprint, second.Result.Fingerprint);
    }

    [TestMethod]
    public void TrainedModelLoadsWithMLNetAndPredicts()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree());
        run.AssertSucceeded();

        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(run.OutputFile(ModelOutputFiles.Model), out var inputSchema);
        Assert.IsNotNull(inputSchema.GetColumnOrNull("x1"));
        Assert.IsNotNull(inputSchema.GetColumnOrNull("color"));

        // Far on either side of x1 + x2 = 10.
        var rows = new TableDataView(
            [
                new NumberColumn("x1", [1f, 9f, 0.5f, 9.5f]),
                new NumberColumn("x2", [1f, 9f, 2f, 8f]),
                new TextColumn("color", ["red", "blue", "green", "red"]),
                new BooleanColumn("label", [false, true, false, true]),
            ],
            4);
        var predicted = model.Transform(rows).GetColumn<bool>("PredictedLabel").ToArray();

        CollectionAssert.AreEqual(new[] { false, true, false, true }, predicted);
    }

    [TestMethod]
    public void MulticlassTrainingReportsMulticlassMetricsAndPredictsClassNames()
    {
        var run = TrainingFixture.Train(
            Temp,
            TrainingFixture.MulticlassCsv(),
            TrainingFixture.Inputs(Catalog.MulticlassClassification, "species", "LbfgsMaximumEntropy", "MaximumNumberOfIterations=50"));

        run.AssertSucceeded();
        var metrics = run.Result.Metrics;
        Assert.IsTrue(metrics.ContainsKey("MacroAccuracy") && metrics.ContainsKey("MicroAccuracy") && metrics.ContainsKey("LogLoss"), string.Join(", ", metrics.Keys));
        Assert.IsFalse(metrics.ContainsKey("AreaUnderRocCurve"));
        Assert.IsTrue(metrics["MicroAccuracy"] > 0.8, $"MicroAccuracy {metrics["MicroAccuracy"]}");

        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(run.OutputFile(ModelOutputFiles.Model), out _);
        // The label column must be present (empty will do): the saved pipeline starts by mapping it to keys.
        var rows = new TableDataView([new NumberColumn("x1", [0.5f, 9.5f]), new NumberColumn("x2", [5f, 5f]), new TextColumn("species", ["", ""])], 2);
        var predicted = model.Transform(rows).GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(v => v.ToString()).ToArray();
        CollectionAssert.AreEqual(new[] { "setosa", "virginica" }, predicted);
    }

    [TestMethod]
    public void RegressionTrainingReportsRegressionMetrics()
    {
        var run = TrainingFixture.Train(
            Temp,
            TrainingFixture.RegressionCsv(),
            TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca", "MaximumNumberOfIterations=20"));

        run.AssertSucceeded();
        var metrics = run.Result.Metrics;
        Assert.IsTrue(metrics.ContainsKey("RootMeanSquaredError") && metrics.ContainsKey("MeanAbsoluteError"), string.Join(", ", metrics.Keys));
        Assert.IsTrue(metrics["RSquared"] > 0.8, $"RSquared {metrics["RSquared"]}");
    }

    [TestMethod]
    public void SeparateTestDatasetIsUsedForEvaluation()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(200), BinaryFastTree(), testCsv: TrainingFixture.BinaryCsv(60));

        run.AssertSucceeded();
        Assert.AreEqual(200L, run.Result.TrainRows);
        Assert.AreEqual(60L, run.Result.TestRows);
    }

    [TestMethod]
    public void EachTrainingLeavesARunRecord()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree());
        run.AssertSucceeded();

        var record = Directory.GetFiles(run.RunsDirectory, "*.json").Single();
        StringAssert.Contains(Path.GetFileName(record), $"-Model-{run.Result.Sha256[..8]}");
        using var document = JsonDocument.Parse(File.ReadAllText(record));
        Assert.AreEqual(run.Result.Sha256, document.RootElement.GetProperty("sha256").GetString());
    }

    [TestMethod]
    public void MissingLabelColumnIsRB1012AtTheProject()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "diagnosis", "FastTree", FastTreeParameters));

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{run.ProjectFile} : error RB1012: ");
        StringAssert.Contains(run.Output, "'diagnosis'");
        StringAssert.Contains(run.Output, "'x1', 'x2', 'color', 'label'");
        Assert.IsFalse(Directory.Exists(run.OutputDirectory), "a failed training leaves no outputs");
    }

    [TestMethod]
    public void UnknownFeatureColumnIsRB1013()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", FastTreeParameters, features: ["x1", "x9"]));

        StringAssert.Contains(run.Output, ": error RB1013: ");
        StringAssert.Contains(run.Output, "'x9'");
    }

    [TestMethod]
    public void BinaryLabelWithoutANaturalPositiveValueIsRB1014()
    {
        var csv = TrainingFixture.BinaryCsv(label: i => i % 2 == 0 ? "a" : "b");
        var run = TrainingFixture.Train(Temp, csv, BinaryFastTree());

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{run.ProjectFile} : error RB1014: ");
        StringAssert.Contains(run.Output, "PositiveLabel");
        StringAssert.Contains(run.Output, "'a', 'b'");
    }

    [TestMethod]
    public void BinaryLabelWithPositiveLabelSetTrains()
    {
        var csv = TrainingFixture.BinaryCsv(label: i => i % 7 < 3 ? "malignant" : "benign");
        var run = TrainingFixture.Train(Temp, csv, BinaryFastTree() with { PositiveLabel = "malignant" });

        run.AssertSucceeded();
    }

    [TestMethod]
    public void ThreeDistinctBinaryLabelsAreRB1014()
    {
        var csv = TrainingFixture.BinaryCsv(label: i => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var run = TrainingFixture.Train(Temp, csv, BinaryFastTree());

        StringAssert.Contains(run.Output, ": error RB1014: ");
        StringAssert.Contains(run.Output, "has 3");
    }

    [TestMethod]
    public void MissingLabelCellIsRB2005AtItsCell()
    {
        // Row 10 (0-based) is on line 12; the label is the fourth column.
        var csv = TrainingFixture.BinaryCsv(label: i => i == 10 ? "" : i % 2 == 0 ? "0" : "1");
        var run = TrainingFixture.Train(Temp, csv, BinaryFastTree());

        Assert.AreEqual(1, run.ErrorCount, run.Output);
        StringAssert.StartsWith(run.Output, $"{Temp.File("data/data.csv")}(12,4) : error RB2005: ");
    }

    [TestMethod]
    public void MissingTextLabelCellIsRB2005AtItsCell()
    {
        var csv = TrainingFixture.BinaryCsv(label: i => i == 3 ? "NA" : i % 2 == 0 ? "yes" : "no");
        var run = TrainingFixture.Train(Temp, csv, BinaryFastTree());

        StringAssert.StartsWith(run.Output, $"{Temp.File("data/data.csv")}(5,4) : error RB2005: ");
    }

    [TestMethod]
    public void MissingRegressionLabelIsRB2005AtItsCell()
    {
        var lines = TrainingFixture.RegressionCsv().Split('\n');
        lines[7] = string.Join(',', lines[7].Split(',')[..2]) + ",";
        var run = TrainingFixture.Train(Temp, string.Join('\n', lines), TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca"));

        StringAssert.StartsWith(run.Output, $"{Temp.File("data/data.csv")}(8,3) : error RB2005: ");
    }

    [TestMethod]
    public void TextLabelForRegressionIsRB1015()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.MulticlassCsv(), TrainingFixture.Inputs(Catalog.Regression, "species", "Sdca"));

        StringAssert.StartsWith(run.Output, $"{run.ProjectFile} : error RB1015: ");
    }

    [TestMethod]
    public void UnknownTrainerParameterIsRB1005AtTheProject()
    {
        var run = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), TrainingFixture.Inputs(Catalog.BinaryClassification, "label", "FastTree", "Trees=5"));

        StringAssert.StartsWith(run.Output, $"{run.ProjectFile} : error RB1005: ");
        StringAssert.Contains(run.Output, "NumberOfTrees");
    }

    [TestMethod]
    public void TheResultRecordsTheInputColumnsAndTheClassesTheTypedApiIsMadeOf()
    {
        var binary = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(), outputName: "binary");
        binary.AssertSucceeded();
        CollectionAssert.AreEqual(
            new[] { new ModelColumn("x1", ColumnSummary.Number), new ModelColumn("x2", ColumnSummary.Number), new ModelColumn("color", ColumnSummary.Text) },
            binary.Result.InputColumns!.ToArray());
        CollectionAssert.AreEqual(new[] { "0", "1" }, binary.Result.Classes!.ToArray(), "the other value, then the positive one");

        var multiclass = TrainingFixture.Train(Temp, TrainingFixture.MulticlassCsv(), TrainingFixture.Inputs(Catalog.MulticlassClassification, "species", "LbfgsMaximumEntropy"), outputName: "multiclass");
        multiclass.AssertSucceeded();
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, multiclass.Result.Classes!.ToArray());

        var regression = TrainingFixture.Train(Temp, TrainingFixture.RegressionCsv(), TrainingFixture.Inputs(Catalog.Regression, "y", "Sdca", ignore: ["x2"]), outputName: "regression");
        regression.AssertSucceeded();
        CollectionAssert.AreEqual(new[] { new ModelColumn("x1", ColumnSummary.Number) }, regression.Result.InputColumns!.ToArray(), "an ignored column is no input");
        Assert.IsNull(regression.Result.Classes);
    }

    [TestMethod]
    public void TextFeaturesFeaturiseFreeTextAndNameOnlyTextFeatures()
    {
        var oneHot = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree(), outputName: "one-hot");
        var text = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree() with { TextFeatures = ["color"] }, outputName: "text");
        oneHot.AssertSucceeded();
        text.AssertSucceeded();
        Assert.AreNotEqual(oneHot.Result.Sha256, text.Result.Sha256, "the text featuriser made the same model as one-hot encoding");

        foreach (var (column, problem) in new[] { ("x1", "is read as numbers, not text"), ("nope", "is not in dataset"), ("label", "is not one of its features") })
        {
            var wrong = TrainingFixture.Train(Temp, TrainingFixture.BinaryCsv(), BinaryFastTree() with { TextFeatures = [column] }, outputName: column);
            Assert.AreEqual(1, wrong.ErrorCount, wrong.Output);
            StringAssert.Contains(wrong.Output, $"error RB1021: column '{column}' in TextFeatures of model 'Model' {problem}");
        }
    }
}
