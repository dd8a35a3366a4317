using System.Security.Cryptography;
using ReproBuild.Tool.Verify;

namespace ReproBuild.Tool.Tests;

/// <summary>verify on a model file and the provenance beside it (assemblies are covered end to end).</summary>
[TestClass]
public sealed class VerifyTests : TempFolderTest
{
    private static string Provenance(string sha256) => $$"""
        {
          "_type": "https://in-toto.io/Statement/v1",
          "subject": [{ "name": "Cancer.zip", "digest": { "sha256": "{{sha256}}" } }],
          "predicateType": "https://slsa.dev/provenance/v1",
          "predicate": {
            "buildDefinition": {
              "externalParameters": { "model": "Cancer", "task": "BinaryClassification", "label": "diagnosis", "trainer": "FastTree", "parameters": { "NumberOfTrees": "100" }, "seed": 42 },
              "internalParameters": { "fingerprint": "e4b3" },
              "resolvedDependencies": [ { "name": "dataset:cancer", "digest": { "sha256": "af39" }, "annotations": { "role": "train", "size": 10, "rows": 2 } } ]
            },
            "reprobuild_metrics": { "Accuracy": 0.96 }
          }
        }
        """;

    private string ModelWithProvenance(byte[] bytes, string? recordedSha = null)
    {
        var zip = Temp.WriteBytes("models/Cancer.zip", bytes);
        Temp.Write("models/Cancer.provenance.json", Provenance(recordedSha ?? Convert.ToHexStringLower(SHA256.HashData(bytes))));
        return zip;
    }

    [TestMethod]
    public void AModelThatMatchesItsProvenanceIsVerified()
    {
        var model = ModelVerifier.Verify(ModelWithProvenance([1, 2, 3])).Single();

        Assert.IsTrue(model.Matches);
        Assert.AreEqual("Cancer", model.Name);
        Assert.AreEqual("FastTree", model.Provenance!.Trainer);
    }

    [TestMethod]
    public void AChangedModelIsAMismatchWithBothDigests()
    {
        var zip = ModelWithProvenance([1, 2, 3]);
        File.WriteAllBytes(zip, [1, 2, 4]);

        var model = ModelVerifier.Verify(zip).Single();

        Assert.IsFalse(model.Matches);
        var recorded = Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 }));
        var changed = Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 4 }));
        Assert.AreEqual((recorded, changed), (model.Expected, model.Actual), "the recorded digest, then the one the bytes have");
    }

    [TestMethod]
    public void TheBuildsObjLayoutIsUnderstoodToo()
    {
        var zip = Temp.WriteBytes("obj/models/Iris/model.zip", [7]);
        Temp.Write("obj/models/Iris/provenance.json", Provenance(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 7 }))));

        var model = ModelVerifier.Verify(zip).Single();

        Assert.IsTrue(model.Matches);
        Assert.AreEqual("Iris", model.Name, "the folder names the model");
    }

    [TestMethod]
    public void ProblemsNameTheFileAndWhatToDo()
    {
        var missing = Assert.ThrowsExactly<ToolError>(() => ModelVerifier.Verify(Temp.File("nope.dll")));
        StringAssert.Contains(missing.Message, Temp.File("nope.dll") + " does not exist");

        var zip = Temp.WriteBytes("lonely/Model.zip", [1]);
        var noProvenance = Assert.ThrowsExactly<ToolError>(() => ModelVerifier.Verify(zip));
        StringAssert.Contains(noProvenance.Message, "Model.provenance.json");

        var text = Temp.Write("not-an-assembly.dll", "hello");
        StringAssert.Contains(Assert.ThrowsExactly<ToolError>(() => ModelVerifier.Verify(text)).Message, "is not a .NET assembly");

        var noModels = typeof(VerifyTests).Assembly.Location;
        StringAssert.Contains(Assert.ThrowsExactly<ToolError>(() => ModelVerifier.Verify(noModels)).Message, "embeds no ReproBuild models");
    }
}
