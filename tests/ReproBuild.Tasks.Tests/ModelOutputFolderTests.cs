namespace ReproBuild.Tasks.Tests;

/// <summary>A model's output folder: staged, moved into place whole, and what a killed writer left goes when the model's outputs are cleared.</summary>
[TestClass]
public sealed class ModelOutputFolderTests : TempFolderTest
{
    [TestMethod]
    public void ClearingAModelRemovesWhatItsKilledWriterStagedAndLeavesOtherModelsWriters()
    {
        // Two writers that never finished (not disposed: killed), one for each model.
        var killed = new ModelOutputFolder(Temp.File("models/Churn"));
        killed.Add("model.zip", "half a model");
        var other = new ModelOutputFolder(Temp.File("models/Other"));
        other.Add("model.zip", "another model");

        ModelOutputFolder.Clear(Temp.File("models/Churn"));

        var written = new ModelOutputFolder(Temp.File("models/Churn"));
        written.Add("model.zip", "a whole model");
        written.MoveIntoPlace();
        written.Dispose();
        Assert.AreEqual("a whole model", File.ReadAllText(Temp.File("models/Churn/model.zip")));
        CollectionAssert.AreEquivalent(new[] { "model.zip" }, Directory.GetFiles(Temp.File("models/Churn")).Select(Path.GetFileName).ToArray());

        // Other's writer is still staging: its files are kept, and so is the folder that holds them.
        other.MoveIntoPlace();
        other.Dispose();
        Assert.AreEqual("another model", File.ReadAllText(Temp.File("models/Other/model.zip")));
        CollectionAssert.AreEquivalent(new[] { Temp.File("models/Churn"), Temp.File("models/Other") }, Directory.GetDirectories(Temp.File("models")), "A staging folder was left behind.");
        killed.Dispose();
    }
}
