using Microsoft.ML.Data;
using ReproBuild.IntegrationTests.Infrastructure;
using ReproBuild.Runtime;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Every task and trainer ReproBuild offers trains through the package, featurises text and missing numbers,
/// and gives a model that ReproBuild.Runtime loads and that predicts from raw rows.
/// </summary>
[TestClass]
public sealed class TrainersTests
{
    private static readonly (string Model, string Task, string Trainer, string Parameters)[] Models =
    [
        ("BinaryFastTree", "BinaryClassification", "FastTree", "NumberOfTrees=5"),
        ("BinaryFastForest", "BinaryClassification", "FastForest", "NumberOfTrees=5"),
        ("BinaryLightGbm", "BinaryClassification", "LightGbm", "NumberOfIterations=10"),
        ("BinarySdca", "BinaryClassification", "SdcaLogisticRegression", "MaximumNumberOfIterations=10"),
        ("BinaryLbfgs", "BinaryClassification", "LbfgsLogisticRegression", ""),
        ("MulticlassLbfgs", "MulticlassClassification", "LbfgsMaximumEntropy", ""),
        ("MulticlassSdca", "MulticlassClassification", "SdcaMaximumEntropy", "MaximumNumberOfIterations=10"),
        ("MulticlassLightGbm", "MulticlassClassification", "LightGbm", "NumberOfIterations=10"),
        ("RegressionFastTree", "Regression", "FastTree", "NumberOfTrees=5"),
        ("RegressionFastForest", "Regression", "FastForest", "NumberOfTrees=5"),
        ("RegressionLightGbm", "Regression", "LightGbm", "NumberOfIterations=10"),
        ("RegressionSdca", "Regression", "Sdca", "MaximumNumberOfIterations=10;NumberOfThreads=2"),
        ("RegressionTweedie", "Regression", "FastTreeTweedie", "NumberOfTrees=5"),
        ("RegressionPoisson", "Regression", "LbfgsPoissonRegression", ""),
    ];

    [TestMethod]
    public void EveryTrainerTrainsAModelThatLoadsAndPredicts()
    {
        var items = string.Join("\n", Models.Select(m =>
        {
            var (dataset, label) = Data(m.Task);
            return $"""<Model Include="{m.Model}" Dataset="{dataset}" Task="{m.Task}" LabelColumn="{label}" Trainer="{m.Trainer}" Parameters="{m.Parameters}" PositiveLabel="yes" Seed="3" />""";
        }));
        var project = UserProject.Create($"""
            <Dataset Include="data/binary.csv" />
            <Dataset Include="data/classes.csv" />
            <Dataset Include="data/numbers.csv" />
            {items}
            """);
        project.WriteFile("data/binary.csv", TestData.Binary());
        project.WriteFile("data/classes.csv", TestData.Multiclass());
        project.WriteFile("data/numbers.csv", TestData.Regression());
        var build = project.Build().ShouldSucceed();
        StringAssert.Contains(build.Output, "warning RB3004: NumberOfThreads=2 lets trainer Sdca give different models from the same inputs");

        var assembly = BuiltAssembly.Load(project.Output("Models.dll"));
        CollectionAssert.AreEquivalent(Models.Select(m => m.Model).ToArray(), EmbeddedModel.Names(assembly).ToArray());
        foreach (var (name, task, trainer, _) in Models)
        {
            var model = EmbeddedModel.Load(assembly, name);
            Assert.AreEqual(trainer, model.Provenance.Trainer);
            var (dataset, _) = Data(task);
            var scored = model.Predict(model.LoadCsv(Path.Combine(project.Directory, "data", $"{dataset}.csv")));
            switch (task)
            {
                case "BinaryClassification":
                    Assert.IsTrue(scored.GetColumn<bool>("PredictedLabel").Distinct().Count() == 2, $"{name} predicts one class only.");
                    Assert.IsTrue(model.Metrics["AreaUnderRocCurve"] > 0.5, $"{name}: AUC {model.Metrics["AreaUnderRocCurve"]}");
                    break;
                case "MulticlassClassification":
                    CollectionAssert.IsSubsetOf(
                        scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(l => l.ToString()).Distinct().ToArray(),
                        new[] { "alpha", "beta", "gamma" }, name);
                    Assert.IsNotNull(model.Metrics["MacroAccuracy"], name);
                    break;
                default:
                    Assert.IsTrue(scored.GetColumn<float>("Score").All(float.IsFinite), $"{name} predicts a non-finite value.");
                    Assert.IsNotNull(model.Metrics["RSquared"], name);
                    break;
            }
        }
    }

    private static (string Dataset, string Label) Data(string task) => task switch
    {
        "BinaryClassification" => ("binary", "label"),
        "MulticlassClassification" => ("classes", "kind"),
        _ => ("numbers", "target"),
    };
}
