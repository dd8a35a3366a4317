using Microsoft.Build.Framework;
using System.Text.Json.Nodes;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class CollectOutputsTests : TempFolderTest
{
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
    }

    /// <summary>Leaves in obj/ what a successful training of <paramref name="model"/> leaves.</summary>
    private void Trained(string model, string sha256, params (string Name, double? Value)[] metrics)
    {
        IntermediateFiles.TrainedModel(_layout.ModelOutputDirectory(model), IntermediateFiles.Result(model, sha256, metrics: metrics));
    }

    private static TaskItem Item(string name, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(name);
        foreach (var (key, value) in metadata)
        {
            item.SetMetadata(key, value);
        }
        return item;
    }

    private (CollectOutputs Task, RecordingBuildEngine Engine) Run(ITaskItem[] models, ITaskItem[]? datasets = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new CollectOutputs
        {
            BuildEngine = engine,
            Models = models,
            Datasets = datasets ?? [],
            IntermediateDirectory = _layout.Root,
            DefaultVersion = "1.2.3",
        };
        Assert.IsTrue(task.Execute(), engine.Log);
        Assert.IsEmpty(engine.Errors, engine.Log);
        return (task, engine);
    }

    private static (string Key, string Value)[] Stamps(CollectOutputs task)
    {
        foreach (var attribute in task.AssemblyMetadata)
        {
            Assert.AreEqual("System.Reflection.AssemblyMetadataAttribute", attribute.ItemSpec);
        }
        return task.AssemblyMetadata.Select(a => (a.GetMetadata("_Parameter1"), a.GetMetadata("_Parameter2"))).ToArray();
    }

    [TestMethod]
    public void ModelsAreStampedWithDigestVersionAndMetricsSortedByKey()
    {
        Trained("Zeta", "22", ("RSquared", 0.5));
        Trained("Cancer", "ab12", ("F1Score", 0.875), ("AreaUnderRocCurve", 0.96), ("Accuracy", 0.1));

        var (task, _) = Run([Item("Zeta"), Item("Cancer", ("Version", "2.0.0"))]);

        CollectionAssert.AreEqual(
            new[]
            {
                ("ReproBuild.Cancer.Metric.Accuracy", "0.1"),
                ("ReproBuild.Cancer.Metric.AreaUnderRocCurve", "0.96"),
                ("ReproBuild.Cancer.Metric.F1Score", "0.875"),
                ("ReproBuild.Cancer.Sha256", "ab12"),
                ("ReproBuild.Cancer.Version", "2.0.0"),
                ("ReproBuild.Zeta.Metric.RSquared", "0.5"),
                ("ReproBuild.Zeta.Sha256", "22"),
                ("ReproBuild.Zeta.Version", "1.2.3"),
            },
            Stamps(task));
    }

    [TestMethod]
    public void MetricsRoundTripExactlyAndAMetricThatWasNotComputedIsNotStamped()
    {
        var third = 1.0 / 3.0;
        Trained("M", "00", ("LogLoss", third), ("Entropy", null));

        var stamps = Stamps(Run([Item("M")]).Task).ToDictionary(s => s.Key, s => s.Value);

        Assert.AreEqual(third, double.Parse(stamps["ReproBuild.M.Metric.LogLoss"], System.Globalization.CultureInfo.InvariantCulture));
        // "NaN" would parse as a number and compare false with every bound; no stamp at all cannot pass for a value.
        Assert.IsFalse(stamps.ContainsKey("ReproBuild.M.Metric.Entropy"), string.Join(", ", stamps.Keys));
        Assert.IsTrue(stamps.ContainsKey("ReproBuild.M.Sha256"));
    }

    [TestMethod]
    public void ModelAndProvenanceAreEmbeddedUnderFixedLogicalNames()
    {
        Trained("Cancer", "ab12");

        var (task, _) = Run([Item("Cancer")]);

        var resources = task.EmbeddedResources.ToDictionary(r => r.GetMetadata("LogicalName"), r => r.ItemSpec);
        CollectionAssert.AreEquivalent(new[] { "ReproBuild/Cancer.zip", "ReproBuild/Cancer.provenance.json", "ReproBuild/Cancer.reference.json" }, resources.Keys.ToArray());
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Model), resources["ReproBuild/Cancer.zip"]);
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Reference), resources["ReproBuild/Cancer.reference.json"]);
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Provenance), resources["ReproBuild/Cancer.provenance.json"]);
        foreach (var resource in task.EmbeddedResources)
        {
            Assert.AreEqual("false", resource.GetMetadata("WithCulture"), "no satellite assembly for a model");
        }
    }

    [TestMethod]
    public void EmbedFalseEmbedsNothingButStillStampsAndCopies()
    {
        Trained("Cancer", "ab12");

        var (task, _) = Run([Item("Cancer", ("Embed", "false"))]);

        Assert.IsEmpty(task.EmbeddedResources);
        Assert.HasCount(4, task.OutputFiles);
        Assert.IsTrue(Stamps(task).Any(s => s.Key == "ReproBuild.Cancer.Sha256"));
    }

    [TestMethod]
    public void OutputFilesGoToTheModelsFolder()
    {
        Trained("Cancer", "ab12");

        var (task, _) = Run([Item("Cancer")]);

        var files = task.OutputFiles.ToDictionary(f => f.GetMetadata("TargetPath"), f => f.ItemSpec);
        CollectionAssert.AreEquivalent(
            new[] { "models/Cancer.zip", "models/Cancer.provenance.json", "models/Cancer.metrics.json", "models/Cancer.reference.json" },
            files.Keys.ToArray());
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Model), files["models/Cancer.zip"]);
        Assert.AreEqual(_layout.ModelOutputFile("Cancer", ModelOutputFiles.Metrics), files["models/Cancer.metrics.json"]);
        foreach (var file in task.OutputFiles)
        {
            Assert.AreEqual("IfDifferent", file.GetMetadata("CopyToOutputDirectory"), "A copy edited by hand must be replaced.");
        }
    }

    [TestMethod]
    public void ModelThatWasNotTrainedContributesNothing()
    {
        var (task, _) = Run([Item("Untrained")]);

        Assert.IsEmpty(task.OutputFiles);
        Assert.IsEmpty(task.EmbeddedResources);
        Assert.IsEmpty(task.AssemblyMetadata);
    }

    [TestMethod]
    public void InspectedDatasetsAreStampedWithTheirDigest()
    {
        IntermediateFiles.DatasetSummary(_layout.DatasetSummaryFile("heart"), "heart", "feedbeef", size: 10, rows: 2);

        var (task, _) = Run([], [Item(Temp.File("data/heart.csv")), Item(Temp.File("data/uninspected.csv"))]);

        CollectionAssert.AreEqual(new[] { ("ReproBuild.Dataset.heart.Sha256", "feedbeef") }, Stamps(task));
    }

    [TestMethod]
    public void ItemProblemsAreLeftToThePipelineAndNeverReportedHere()
    {
        // Run() asserts no errors: design-time builds call this task with whatever the project holds.
        var (task, _) = Run([], [Item(Temp.File("data/bad.csv"), ("Separator", "too long"))]);
        Assert.IsEmpty(task.AssemblyMetadata);
    }

    [TestMethod]
    public void AModelAndADatasetWrittenDecomposedAreStampedAndEmbeddedUnderTheirNfcNames()
    {
        Trained("Gr\u00f6\u00dfe", "ab12");
        IntermediateFiles.DatasetSummary(_layout.DatasetSummaryFile("wetter-\u00fc"), "wetter-\u00fc", "feedbeef", size: 10, rows: 2);

        var (task, _) = Run([Item("Gro\u0308\u00dfe")], [Item(Temp.File("data/x.csv"), ("Name", "wetter-u\u0308"))]);

        var stamps = Stamps(task).Select(s => s.Key).ToArray();
        CollectionAssert.Contains(stamps, "ReproBuild.Gr\u00f6\u00dfe.Sha256");
        CollectionAssert.Contains(stamps, "ReproBuild.Dataset.wetter-\u00fc.Sha256");
        CollectionAssert.AreEquivalent(
            new[] { "ReproBuild/Gr\u00f6\u00dfe.zip", "ReproBuild/Gr\u00f6\u00dfe.provenance.json", "ReproBuild/Gr\u00f6\u00dfe.reference.json" },
            task.EmbeddedResources.Select(r => r.GetMetadata("LogicalName")).ToArray());
        CollectionAssert.Contains(task.OutputFiles.Select(f => f.GetMetadata("TargetPath")).ToArray(), "models/Gr\u00f6\u00dfe.zip");
    }

    /// <summary>A provenance statement whose training dataset <paramref name="dataset"/> was read with a schema of digest <paramref name="schemaSha256"/>.</summary>
    private void ProvenanceWithSchema(string model, string dataset, string schemaSha256) =>
        File.WriteAllText(_layout.ModelOutputFile(model, ModelOutputFiles.Provenance), new JsonObject
        {
            ["subject"] = new JsonArray(new JsonObject { ["name"] = $"{model}.zip", ["digest"] = new JsonObject { ["sha256"] = "ab12" } }),
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["resolvedDependencies"] = new JsonArray(new JsonObject
                    {
                        ["name"] = $"dataset:{dataset}",
                        ["digest"] = new JsonObject { ["sha256"] = "feedbeef" },
                        ["annotations"] = new JsonObject { ["role"] = "train", ["schemaSha256"] = schemaSha256 },
                    }),
                },
            },
        }.ToJsonString());

    [TestMethod]
    public void TheTrainingDatasetsSchemaFileIsEmbeddedWhenItHoldsTheBytesTheProvenanceRecords()
    {
        var schema = Temp.Write("data/heart.schema.json", """{"fields": [{"name": "age", "type": "integer"}]}""");
        Trained("Heart", "ab12");
        ProvenanceWithSchema("Heart", "heart", Sha256Digest.OfFile(schema));

        var (task, _) = Run([Item("Heart", ("Dataset", "heart"))], [Item(Temp.File("data/heart.csv"), ("Schema", schema))]);

        var resources = task.EmbeddedResources.ToDictionary(r => r.GetMetadata("LogicalName"), r => r.ItemSpec);
        Assert.AreEqual(schema, resources["ReproBuild/Heart.schema.json"]);
    }

    [TestMethod]
    public void NoSchemaIsEmbeddedThatIsNotTheOneTheModelWasTrainedWithOrThatIsADataPackage()
    {
        var schema = Temp.Write("data/heart.schema.json", """{"fields": [{"name": "age", "type": "integer"}]}""");
        Trained("Edited", "ab12");
        ProvenanceWithSchema("Edited", "heart", Sha256Digest.Of("{\"fields\": []}"u8));
        Trained("Packaged", "cd34");
        var package = Temp.Write("data/datapackage.json", """{"resources": []}""");
        ProvenanceWithSchema("Packaged", "visits", Sha256Digest.OfFile(package));

        var (task, _) = Run(
            [Item("Edited", ("Dataset", "heart")), Item("Packaged", ("Dataset", "visits"))],
            [Item(Temp.File("data/heart.csv"), ("Schema", schema)), Item(Temp.File("data/visits.csv"), ("Schema", package), ("Resource", "visits"))]);

        Assert.IsFalse(task.EmbeddedResources.Any(r => r.GetMetadata("LogicalName").EndsWith(".schema.json", StringComparison.Ordinal)));
    }
}
