using System.Globalization;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Code;

namespace ReproBuild.Tasks.Tests.Code;

/// <summary>The typed API's text: names, types, collisions, and the same text for the same inputs on any machine.</summary>
[TestClass]
public sealed class TypedApiCodeTests
{
    private static TypedApiModel Model(string name, string task, IReadOnlyList<ModelColumn> columns, IReadOnlyList<string>? classes = null, bool calibrated = true, bool labelIsNumber = false)
    {
        var metrics = new SortedDictionary<string, double?>(StringComparer.Ordinal) { ["Accuracy"] = 0.9125 };
        if (calibrated)
        {
            metrics["LogLoss"] = 0.25;
        }
        var result = new ModelResult(name, "f00d", "5ha256", task, "FastTree", 80, 20, metrics, columns, classes);
        var inputs = new ModelInputs(name, task, "label", null, [], [], "FastTree", new(StringComparer.Ordinal), 42, 0.2,
            new DatasetReference("churn", "da7a"), null, "0.1.0", "5.0.1");
        return new TypedApiModel(name, "1.2.0", result, inputs, labelIsNumber);
    }

    private static ModelColumn Number(string name) => new(name, ColumnSummary.Number);

    private static ModelColumn Text(string name) => new(name, ColumnSummary.Text);

    [TestMethod]
    [DataRow("mean radius", "MeanRadius")]
    [DataRow("sepal_length", "SepalLength")]
    [DataRow("already", "Already")]
    [DataRow("HTTPStatus", "HTTPStatus")]
    [DataRow("1st place", "Column1stPlace")]
    [DataRow("größe-cm", "GrößeCm")]
    [DataRow("  --  ", "Column1")]
    public void ColumnNamesBecomePascalCaseIdentifiers(string column, string property)
    {
        Assert.AreEqual(property, TypedApiCode.Properties("ChurnInput", [Number(column)]).Single().Property);
    }

    [TestMethod]
    public void ANameThatIsNotTheColumnsKeepsTheColumnThroughColumnName()
    {
        var code = TypedApiCode.Generate("Shop.Models", [Model("Churn", Catalog.Regression, [Number("mean radius"), Number("Age"), Text("say \"hi\"\\")])]);

        StringAssert.Contains(code, "[global::Microsoft.ML.Data.ColumnName(\"mean radius\")]\n        public float MeanRadius { get; set; }");
        // A property spelled as its column needs no attribute.
        StringAssert.Contains(code, "(a number).</summary>\n        public float Age { get; set; }");
        StringAssert.Contains(code, "[global::Microsoft.ML.Data.ColumnName(\"say \\\"hi\\\"\\\\\")]\n        public string SayHi { get; set; } = \"\";");
    }

    [TestMethod]
    public void CollidingNamesGetNumbersAndNoPropertyIsNamedAsItsClass()
    {
        var properties = TypedApiCode.Properties("ChurnInput", [Number("mean radius"), Number("mean_radius"), Number("MeanRadius"), Number("churn input")]).Select(p => p.Property).ToArray();

        CollectionAssert.AreEqual(new[] { "MeanRadius", "MeanRadius2", "MeanRadius3", "ChurnInput2" }, properties);
    }

    [TestMethod]
    public void NumbersAreFloatsAndTextIsString()
    {
        var code = TypedApiCode.Generate("Shop.Models", [Model("Churn", Catalog.Regression, [Number("tenure"), Text("plan")])]);

        StringAssert.Contains(code, "public float Tenure { get; set; }");
        StringAssert.Contains(code, "public string Plan { get; set; } = \"\";");
    }

    [TestMethod]
    public void ABinaryModelPredictsTheDataLabelsUnlessTheyAreZeroAndOne()
    {
        var named = TypedApiCode.Generate("M", [Model("Churn", Catalog.BinaryClassification, [Number("x")], ["stays", "leaves"])]);
        StringAssert.Contains(named, "public required string PredictedLabel { get; init; }");
        StringAssert.Contains(named, "PredictedLabel = output.PredictedLabel ? \"leaves\" : \"stays\"");
        StringAssert.Contains(named, "public required float Probability { get; init; }");

        var flags = TypedApiCode.Generate("M", [Model("Churn", Catalog.BinaryClassification, [Number("x")], ["0", "1"], calibrated: false)]);
        StringAssert.Contains(flags, "public required bool PredictedLabel { get; init; }");
        // Uncalibrated trainers have no Probability column: asking ML.NET for one would fail at run time.
        Assert.IsFalse(flags.Contains("Probability", StringComparison.Ordinal), flags);
    }

    [TestMethod]
    public void AMulticlassModelPredictsTheClassValuesWithAScoreEach()
    {
        var text = TypedApiCode.Generate("M", [Model("Iris", Catalog.MulticlassClassification, [Number("petal")], ["setosa", "versicolor", "virginica"])]);
        StringAssert.Contains(text, "public required string PredictedLabel { get; init; }");
        StringAssert.Contains(text, "public required global::System.Collections.Generic.IReadOnlyDictionary<string, float> Scores { get; init; }");
        StringAssert.Contains(text, "Classes { get; } = global::System.Array.AsReadOnly(new[] { \"setosa\", \"versicolor\", \"virginica\" });");

        var numbers = TypedApiCode.Generate("M", [Model("Digits", Catalog.MulticlassClassification, [Number("pixel")], ["0", "1", "2"], labelIsNumber: true)]);
        StringAssert.Contains(numbers, "public required float PredictedLabel { get; init; }");
    }

    [TestMethod]
    public void ARegressionModelPredictsAScore()
    {
        var code = TypedApiCode.Generate("M", [Model("Price", Catalog.Regression, [Number("rooms")])]);

        StringAssert.Contains(code, "public required float Score { get; init; }");
        StringAssert.Contains(code, "new PricePrediction { Score = output.Score }");
    }

    [TestMethod]
    public void TheEntryPointNamesTheVersionMetricsAndDatasetDigest()
    {
        var code = TypedApiCode.Generate("M", [Model("Churn", Catalog.BinaryClassification, [Number("x")], ["no", "yes"])]);

        StringAssert.Contains(code, "/// Model Churn 1.2.0: BinaryClassification with FastTree, trained on dataset churn (sha256 da7a), evaluated on 20 held-out rows.");
        StringAssert.Contains(code, "/// Metrics: Accuracy 0.9125, LogLoss 0.25. Model sha256 5ha256.");
        StringAssert.Contains(code, "public static ChurnPrediction Predict(ChurnInput input)");
        StringAssert.Contains(code, "Predict(global::System.Collections.Generic.IEnumerable<ChurnInput> inputs)");
        StringAssert.Contains(code, "TypedModel<ChurnInput, global::ReproBuild.Runtime.TypedApi.CalibratedBinaryOutput, ChurnPrediction> Typed =\n            new(typeof(ChurnModel).Assembly, Name, output =>");
    }

    [TestMethod]
    public void TheSameModelsGiveTheSameTextInAnyOrderAndCulture()
    {
        TypedApiModel[] models =
        [
            Model("Zeta", Catalog.Regression, [Number("a")]),
            Model("Alpha", Catalog.BinaryClassification, [Number("b")], ["no", "yes"]),
        ];
        var first = TypedApiCode.Generate("M", models);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.AreEqual(first, TypedApiCode.Generate("M", [.. models.Reverse()]));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        Assert.IsTrue(first.IndexOf("class AlphaModel", StringComparison.Ordinal) < first.IndexOf("class ZetaModel", StringComparison.Ordinal));
        StringAssert.Contains(first, "Accuracy 0.9125");
    }

    [TestMethod]
    [DataRow("Cancer", "Cancer")]
    [DataRow("my-app", "my_app")]
    [DataRow("Shop.2024.Models", "Shop._2024.Models")]
    public void TheNamespaceIsMadeOfIdentifiers(string rootNamespace, string expected)
    {
        Assert.AreEqual(expected, CSharpText.Namespace(rootNamespace));
    }
}
