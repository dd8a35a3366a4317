using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>The typed API task reads only what training left in obj/ and rewrites its file only when the text changes.</summary>
[TestClass]
public sealed class GenerateTypedApiTests : TempFolderTest
{
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
    }

    private string OutputFile => Temp.File("obj/reprobuild/ReproBuild.Models.g.cs");

    private string Run(params string[] models)
    {
        var engine = new RecordingBuildEngine();
        var task = new GenerateTypedApi
        {
            BuildEngine = engine,
            Models = [.. models.Select(m => new TaskItem(m))],
            IntermediateDirectory = _layout.Root,
            DefaultVersion = "2.0.0",
            Namespace = "Shop.Models",
            OutputFile = OutputFile,
        };
        Assert.IsTrue(task.Execute(), engine.Log);
        Assert.IsEmpty(engine.Errors, engine.Log);
        Assert.IsEmpty(engine.Warnings, engine.Log);
        return File.ReadAllText(OutputFile);
    }

    private void Trained(string model)
    {
        IntermediateFiles.DatasetSummary(_layout.DatasetSummaryFile("churn"), "churn", "da7a", columns: [new ColumnSummary("label", ColumnSummary.Text, 0)]);
        File.WriteAllText(_layout.ModelInputsFile(model), ReproJson.Serialize(IntermediateFiles.Inputs(model, new DatasetReference("churn", "da7a"))));
        IntermediateFiles.TrainedModel(_layout.ModelOutputDirectory(model), IntermediateFiles.Result(model, "5ha"));
    }

    [TestMethod]
    public void OnlyTrainedModelsGetAnApiAndItNamesTheirVersion()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_layout.ModelInputsFile("Churn"))!);
        Trained("Churn");

        var code = Run("Churn", "NotTrainedYet");

        StringAssert.Contains(code, "namespace Shop.Models");
        StringAssert.Contains(code, "public static class ChurnModel");
        StringAssert.Contains(code, "public const string Version = \"2.0.0\";");
        StringAssert.Contains(code, "public float X { get; set; }");
        Assert.IsFalse(code.Contains("NotTrainedYet", StringComparison.Ordinal), code);
    }

    [TestMethod]
    public void TheFileIsRewrittenOnlyWhenItsTextChanges()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_layout.ModelInputsFile("Churn"))!);
        Trained("Churn");
        Run("Churn");
        var written = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(OutputFile, written);

        Run("Churn");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(OutputFile), "An unchanged API was written again, which recompiles the project.");

        Run("Churn", "Other");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(OutputFile), "A model without outputs changes nothing.");
        Trained("Other");
        StringAssert.Contains(Run("Churn", "Other"), "public static class OtherModel");
        Assert.AreNotEqual(written, File.GetLastWriteTimeUtc(OutputFile));
    }
}
