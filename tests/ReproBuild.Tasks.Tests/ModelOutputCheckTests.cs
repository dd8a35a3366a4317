using System.Text;
using System.Text.Json.Nodes;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// The drift reference ships and is embedded beside the model, so the one check of model outputs (obj/, the cache on
/// both sides, the lock file writer) also holds it to the SHA-256 the provenance records.
/// </summary>
[TestClass]
public sealed class ModelOutputCheckTests : TempFolderTest
{
    private const string Fingerprint = "f00d";

    [TestMethod]
    public void AReferenceThatMatchesItsProvenanceDigestPassesAndAnEditedOneIsRefused()
    {
        var folder = Outputs("""{"version":1,"model":"Churn","rows":2,"columns":[]}""");
        Assert.IsNull(ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));

        File.AppendAllText(Path.Combine(folder, ModelOutputFiles.Reference), " ");
        Assert.AreEqual("reference.json is missing or does not hash to the SHA-256 its provenance records", ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));
        Assert.IsNull(ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: false), "the no-op build reads no file bytes");

        File.Delete(Path.Combine(folder, ModelOutputFiles.Reference));
        Assert.AreEqual("reference.json is missing or does not hash to the SHA-256 its provenance records", ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));
    }

    private string Outputs(string reference)
    {
        var folder = IntermediateFiles.TrainedModel(Temp.File("obj/Churn"), IntermediateFiles.ResultFor("Churn", Fingerprint, "model bytes"), "model bytes");
        File.WriteAllText(Path.Combine(folder, ModelOutputFiles.Reference), reference);
        var provenance = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelOutputFiles.Provenance)))!;
        provenance["predicate"]!["runDetails"] = new JsonObject
        {
            ["byproducts"] = new JsonArray { new JsonObject { ["name"] = "reference.json", ["digest"] = new JsonObject { ["sha256"] = Sha256Digest.Of(Encoding.UTF8.GetBytes(reference)) } } },
        };
        File.WriteAllText(Path.Combine(folder, ModelOutputFiles.Provenance), provenance.ToJsonString());
        return folder;
    }
}
