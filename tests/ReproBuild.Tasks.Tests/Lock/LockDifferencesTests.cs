using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Tests.Lock;

[TestClass]
public sealed class LockDifferencesTests
{
    private const string DataSha = "af399a019264f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55";
    private const string OtherDataSha = "3de6d9ae75a1f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55";

    private static LockFile Lock(string dataSha = DataSha, long rows = 10, string trees = "100", string engine = "0.1.0", string modelSha = "m1", double f1 = 0.9, bool withModel = true)
    {
        var inputs = new ModelInputs(
            "Churn", Catalog.BinaryClassification, "label", null, [], [], "FastTree",
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["NumberOfTrees"] = trees },
            1, 0.2, new DatasetReference("customers", dataSha), null, engine, "5.0.1");
        var models = new SortedDictionary<string, LockedModel>(StringComparer.Ordinal);
        if (withModel)
        {
            models["Churn"] = new LockedModel($"fp-{dataSha[..4]}-{trees}-{engine}", modelSha, "1.0.0",
                new SortedDictionary<string, double?>(StringComparer.Ordinal) { ["F1Score"] = f1 }, inputs);
        }
        return new LockFile(1, new(StringComparer.Ordinal) { ["customers"] = new LockedDataset(dataSha, 100, rows) }, models);
    }

    [TestMethod]
    public void EqualLocksHaveNoDifferences() =>
        Assert.AreEqual(0, LockDifferences.Between(Lock(), Lock(), inputsOnly: false).Count);

    [TestMethod]
    public void AChangedDatasetNamesItsDigestPrefixesAndRowsAndTheModelThatReadsIt()
    {
        var differences = LockDifferences.Between(Lock(), Lock(dataSha: OtherDataSha, rows: 11), inputsOnly: true);

        Assert.AreEqual(2, differences.Count);
        Assert.AreEqual("dataset 'customers' differs from it: rows 10 → 11; sha256 af399a019264… → 3de6d9ae75a1…", differences[0].ToString());
        Assert.AreEqual("model 'Churn' differs from it: inputs.dataset.sha256 af399a019264… → 3de6d9ae75a1…", differences[1].ToString());
    }

    [TestMethod]
    public void AChangedParameterOrToolVersionIsNamedAndTheFingerprintIsLeftOut()
    {
        var difference = LockDifferences.Between(Lock(), Lock(trees: "200", engine: "0.2.0"), inputsOnly: false).Single();

        CollectionAssert.AreEqual(new[] { "inputs.engineVersion 0.1.0 → 0.2.0", "inputs.parameters.NumberOfTrees 100 → 200" }, difference.Changes.ToArray());
    }

    [TestMethod]
    public void BeforeTrainingOnlyInputsAreCompared()
    {
        Assert.AreEqual(0, LockDifferences.Between(Lock(), Lock(modelSha: "m2", f1: 0.8), inputsOnly: true).Count);
        var after = LockDifferences.Between(Lock(), Lock(modelSha: "m2", f1: 0.8), inputsOnly: false).Single();
        CollectionAssert.AreEqual(new[] { "metrics.F1Score 0.9 → 0.8", "sha256 m1 → m2" }, after.Changes.ToArray());
    }

    [TestMethod]
    public void NewAndRemovedEntriesAreNamed()
    {
        Assert.AreEqual("model 'Churn' is not in the lock file", LockDifferences.Between(Lock(withModel: false), Lock(), inputsOnly: true).Single().ToString());
        Assert.AreEqual("model 'Churn' is in the lock file but no longer in the project", LockDifferences.Between(Lock(), Lock(withModel: false), inputsOnly: true).Single().ToString());
    }
}
