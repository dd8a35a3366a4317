using System.Security.Cryptography;
using Microsoft.ML.Data;
using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;
using ReproBuild.Runtime;

namespace ReproBuild.IntegrationTests;

/// <summary>What one build of a user's project leaves behind: files, assembly stamps, lock file, run record.</summary>
[TestClass]
public sealed class BuildOutputsTests
{
    private static UserProject s_project = null!;

    private static string DataFile => Path.Combine(s_project.Directory, "data", "customers.csv");

    private static string ModelFile => s_project.Output("models/Churn.zip");

    [ClassInitialize]
    public static void BuildOnce(TestContext context)
    {
        s_project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
                   Trainer="FastTree" Seed="7" Version="2.1.0" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
            """, nameof(BuildOutputsTests));
        s_project.WriteFile("data/customers.csv", TestData.Binary());
        s_project.Build().ShouldSucceed();
    }

    [TestMethod]
    public void ModelProvenanceAndMetricsAreCopiedToTheOutputFolder()
    {
        Assert.IsTrue(File.Exists(ModelFile));
        using var metrics = JsonDocument.Parse(File.ReadAllText(s_project.Output("models/Churn.metrics.json")));
        var auc = metrics.RootElement.GetProperty("metrics").GetProperty("AreaUnderRocCurve").GetDouble();
        Assert.IsTrue(auc is > 0.5 and <= 1, $"AUC {auc}");
        Assert.IsTrue(File.Exists(s_project.Output("models/Churn.provenance.json")));
    }

    [TestMethod]
    public void ProvenanceIsAnInTotoSlsaStatementWithContentDerivedValuesOnly()
    {
        var json = File.ReadAllText(s_project.Output("models/Churn.provenance.json"));
        using var provenance = JsonDocument.Parse(json);
        var root = provenance.RootElement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", root.GetProperty("_type").GetString());
        Assert.AreEqual("https://slsa.dev/provenance/v1", root.GetProperty("predicateType").GetString());
        Assert.AreEqual(Sha256(ModelFile), root.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString());

        var definition = root.GetProperty("predicate").GetProperty("buildDefinition");
        var dataset = definition.GetProperty("resolvedDependencies").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "dataset:customers");
        Assert.AreEqual(Sha256(DataFile), dataset.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual("FastTree", definition.GetProperty("externalParameters").GetProperty("trainer").GetString());
        Assert.AreEqual(7, definition.GetProperty("externalParameters").GetProperty("seed").GetInt32());
        Assert.IsTrue(root.GetProperty("predicate").GetProperty("reprobuild_metrics").TryGetProperty("AreaUnderRocCurve", out _));

        Assert.IsFalse(json.Contains(s_project.Directory, StringComparison.Ordinal), "The provenance contains an absolute path.");
        Assert.IsFalse(json.Contains(Environment.MachineName, StringComparison.Ordinal), "The provenance contains the host name.");
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(json, @"\d{4}-\d\d-\d\dT\d\d:"), "The provenance contains a timestamp.");
    }

    [TestMethod]
    public void AssemblyEmbedsTheModelAndCarriesItsStamps()
    {
        var assembly = BuiltAssembly.Load(s_project.Output("Models.dll"));
        CollectionAssert.IsSubsetOf(new[] { "ReproBuild/Churn.zip", "ReproBuild/Churn.provenance.json" }, assembly.GetManifestResourceNames());

        using var embedded = new MemoryStream();
        assembly.GetManifestResourceStream("ReproBuild/Churn.zip")!.CopyTo(embedded);
        CollectionAssert.AreEqual(File.ReadAllBytes(ModelFile), embedded.ToArray(), "The embedded model differs from models/Churn.zip.");

        var stamps = BuiltAssembly.Metadata(assembly);
        Assert.AreEqual(Sha256(ModelFile), stamps["ReproBuild.Churn.Sha256"]);
        Assert.AreEqual("2.1.0", stamps["ReproBuild.Churn.Version"]);
        Assert.AreEqual(Sha256(DataFile), stamps["ReproBuild.Dataset.customers.Sha256"]);
        Assert.IsTrue(double.Parse(stamps["ReproBuild.Churn.Metric.AreaUnderRocCurve"]!, System.Globalization.CultureInfo.InvariantCulture) > 0.5);
    }

    [TestMethod]
    public void RuntimeLoadsTheEmbeddedModelAndPredictsRawRows()
    {
        var model = EmbeddedModel.Load(BuiltAssembly.Load(s_project.Output("Models.dll")), "Churn");
        Assert.AreEqual("FastTree", model.Provenance.Trainer);
        Assert.AreEqual("2.1.0", model.Version);
        var scored = model.Predict(model.LoadCsv(DataFile));
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        Assert.AreEqual(200, probabilities.Length);
        Assert.IsTrue(probabilities.All(p => p is >= 0 and <= 1));
    }

    [TestMethod]
    public void RuntimeRefusesAModelWhoseBytesWereTamperedWith()
    {
        var assemblyBytes = File.ReadAllBytes(s_project.Output("Models.dll"));
        var model = File.ReadAllBytes(ModelFile);
        var offset = assemblyBytes.AsSpan().IndexOf(model);
        Assert.IsTrue(offset > 0, "The model's bytes were not found in the assembly.");
        assemblyBytes[offset + model.Length / 2] ^= 0xFF;
        var tampered = Path.Combine(s_project.Directory, "tampered.dll");
        File.WriteAllBytes(tampered, assemblyBytes);

        var error = Assert.ThrowsExactly<ModelIntegrityException>(() => EmbeddedModel.Load(BuiltAssembly.Load(tampered), "Churn"));
        var stampedDigest = error.ExpectedSha256;
        Assert.AreEqual(Sha256(ModelFile), stampedDigest);
        StringAssert.Contains(error.Message, "refusing to load it");
    }

    [TestMethod]
    public void LockFileRecordsDatasetsAndModelsInAStableForm()
    {
        var text = File.ReadAllText(Path.Combine(s_project.Directory, "repro.lock.json"));
        Assert.IsFalse(text.Contains('\r'), "The lock file has CR line endings.");
        Assert.IsTrue(text.EndsWith('\n'));
        using var document = JsonDocument.Parse(text);
        var dataset = document.RootElement.GetProperty("datasets").GetProperty("customers");
        Assert.AreEqual(Sha256(DataFile), dataset.GetProperty("sha256").GetString());
        Assert.AreEqual(200, dataset.GetProperty("rows").GetInt64());
        Assert.AreEqual(new FileInfo(DataFile).Length, dataset.GetProperty("size").GetInt64());
        var model = document.RootElement.GetProperty("models").GetProperty("Churn");
        Assert.AreEqual(Sha256(ModelFile), model.GetProperty("sha256").GetString());
        Assert.AreEqual(64, model.GetProperty("fingerprint").GetString()!.Length);
        Assert.AreEqual("2.1.0", model.GetProperty("version").GetString());
    }

    [TestMethod]
    public void EachTrainingRunLeavesARunRecord()
    {
        var records = Directory.GetFiles(Path.Combine(s_project.Directory, ".reprobuild", "runs"), "*-Churn-*.json");
        Assert.AreEqual(1, records.Length);
        using var record = JsonDocument.Parse(File.ReadAllText(records[0]));
        Assert.AreEqual(Sha256(ModelFile), record.RootElement.GetProperty("sha256").GetString());
        Assert.IsTrue(record.RootElement.GetProperty("durationSeconds").GetDouble() > 0);
        Assert.AreEqual(Environment.MachineName, record.RootElement.GetProperty("machine").GetString());
    }

    internal static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
