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
        var folder = Outputs();
        Assert.IsNull(ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));

        File.AppendAllText(Path.Combine(folder, ModelOutputFiles.Reference), " ");
        Assert.AreEqual("reference.json is missing or does not hash to the SHA-256 its provenance records", ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));
        Assert.IsNull(ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: false), "the no-op build reads no file bytes");

        File.Delete(Path.Combine(folder, ModelOutputFiles.Reference));
        Assert.AreEqual("reference.json is missing or does not hash to the SHA-256 its provenance records", ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: true));
    }

    [TestMethod]
    public void OutputsWithoutAReferenceAreNotCurrentSoTheModelIsTrainedAgain()
    {
        var folder = Outputs();
        var provenance = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ModelOutputFiles.Provenance)))!;
        provenance["predicate"]!.AsObject().Remove("runDetails");
        File.WriteAllText(Path.Combine(folder, ModelOutputFiles.Provenance), provenance.ToJsonString());
        File.Delete(Path.Combine(folder, ModelOutputFiles.Reference));
        Assert.AreEqual(ModelOutputCheck.Outdated, ModelOutputCheck.Problem("Churn", Fingerprint, folder, hashModel: false));
    }

    private string Outputs() =>
        IntermediateFiles.TrainedModel(Temp.File("obj/Churn"), IntermediateFiles.ResultFor("Churn", Fingerprint, "model bytes"), "model bytes");
}
