using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;
using ReproBuild.Runtime;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A data restore reads only from an http(s) URL or a plain path and writes only inside the project or its
/// repository; dataset and model names may be written in any alphabet and mean the same in every Unicode spelling.
/// </summary>
[TestClass]
public sealed class RestoreSafetyAndNamesTests
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Where MSBuild reports an element of the project file: its line and the column of its '&lt;' (1-based).</summary>
    private static (int Line, int Column) ElementAt(UserProject project, string start)
    {
        var lines = File.ReadAllLines(project.ProjectFile);
        var line = Array.FindIndex(lines, l => l.Contains(start, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, line, $"'{start}' is not in the project file");
        return (line + 1, lines[line].IndexOf(start, StringComparison.Ordinal) + 1);
    }

    [TestMethod]
    public void AFileUrlSourceIsRB1017AtTheDatasetElement()
    {
        var data = TestData.Binary(seed: 4);
        var project = UserProject.Create("");
        project.WriteFile("share/customers.csv", data);
        var fileUrl = new Uri(Path.Combine(project.Directory, "share", "customers.csv")).AbsoluteUri;
        project.WriteProject($"""
            <Dataset Include="data/customers.csv" Source="{fileUrl}" Hash="{Sha256(data)}" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="LbfgsLogisticRegression" />
            """);

        var result = project.Build().ShouldFail();

        result.ShouldHaveNoStackTrace();
        var (line, column) = ElementAt(project, "<Dataset ");
        Assert.IsTrue(
            result.Errors.Any(e => e.StartsWith($"{project.ProjectFile}({line},{column}): error RB1017: Dataset 'customers' has Source '{fileUrl}'", StringComparison.Ordinal)
                && e.Contains("a Source is an http:// or https:// URL, or a path to a file (relative to the project, or absolute)", StringComparison.Ordinal)),
            string.Join("\n", result.Errors));
        Assert.AreEqual(1, result.Errors.Count, string.Join("\n", result.Errors));
        Assert.IsFalse(File.Exists(Path.Combine(project.Directory, "data", "customers.csv")), "A dataset was restored from a file:// Source.");
    }

    [TestMethod]
    public void APinnedDatasetOutsideTheProjectIsRB1018AndNothingIsWrittenThere()
    {
        var data = TestData.Binary(seed: 5);
        var project = UserProject.Create("");
        var outside = project.Directory + "-outside";
        project.WriteFile("share/customers.csv", data);
        project.WriteProject($"""
            <Dataset Include="../{Path.GetFileName(outside)}/customers.csv" Source="share/customers.csv" Hash="{Sha256(data)}" />
            """);

        var result = project.Build().ShouldFail();

        result.ShouldHaveNoStackTrace();
        var (line, column) = ElementAt(project, "<Dataset ");
        Assert.IsTrue(
            result.Errors.Any(e => e.StartsWith($"{project.ProjectFile}({line},{column}): error RB1018: Dataset 'customers' is pinned by Hash", StringComparison.Ordinal)
                && e.Contains(Path.Combine(outside, "customers.csv"), StringComparison.Ordinal)
                && e.Contains($"the project's folder '{project.Directory}'", StringComparison.Ordinal)),
            string.Join("\n", result.Errors));
        Assert.AreEqual(1, result.Errors.Count, string.Join("\n", result.Errors));
        Assert.IsFalse(Directory.Exists(outside), "The restore wrote outside the project.");
    }

    [TestMethod]
    public void UnicodeNamesBuildAndAreStampedLockedAndLoadedInNfc()
    {
        const string dataset = "wetter-\u00fc";
        const string model = "Gr\u00f6\u00dfe";
        const string modelDecomposed = "Gro\u0308\u00dfe";
        const string datasetDecomposed = "wetter-u\u0308";
        // The dataset as the brief's user writes it; the model and its reference to the dataset as macOS might spell them.
        var project = UserProject.Create($"""
            <Dataset Include="data/wetter.csv" Name="{dataset}" />
            <Model Include="{modelDecomposed}" Dataset="{datasetDecomposed}" Task="BinaryClassification" LabelColumn="label" Trainer="LbfgsLogisticRegression" />
            """);
        project.WriteFile("data/wetter.csv", TestData.Binary(seed: 6));

        var built = project.Build().ShouldSucceed();

        StringAssert.Contains(built.Output, $"ReproBuild: trained {model} ");
        Assert.IsTrue(File.Exists(Path.Combine(project.IntermediateDirectory(), "datasets", $"{dataset}.json")), "The dataset's summary under obj/ is not named in NFC.");
        Assert.IsTrue(File.Exists(project.Output($"models/{model}.zip")), "The model's output file is not named in NFC.");

        var assembly = BuiltAssembly.Load(project.Output("Models.dll"));
        var stamps = BuiltAssembly.Metadata(assembly);
        Assert.AreEqual(Sha256(TestData.Binary(seed: 6)), stamps[$"ReproBuild.Dataset.{dataset}.Sha256"]);
        Assert.AreEqual(BuildOutputsTests.Sha256(project.Output($"models/{model}.zip")), stamps[$"ReproBuild.{model}.Sha256"]);
        CollectionAssert.IsSubsetOf(new[] { $"ReproBuild/{model}.zip", $"ReproBuild/{model}.provenance.json" }, assembly.GetManifestResourceNames());

        using var locked = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        Assert.IsTrue(locked.RootElement.GetProperty("datasets").TryGetProperty(dataset, out _), "The lock file does not hold the dataset under its NFC name.");
        Assert.IsTrue(locked.RootElement.GetProperty("models").TryGetProperty(model, out _), "The lock file does not hold the model under its NFC name.");

        CollectionAssert.AreEqual(new[] { model }, EmbeddedModel.Names(assembly).ToArray());
        Assert.AreEqual(model, EmbeddedModel.Load(assembly, model).Name);
        Assert.AreEqual(model, EmbeddedModel.Load(assembly, modelDecomposed).Name, "The runtime does not find a model by another spelling of its name.");
        Assert.AreEqual(dataset, EmbeddedModel.Verify(assembly, modelDecomposed).Datasets.Single().Name);

        // Nothing changed, whatever the spelling: the second build is a no-op.
        var again = project.Build("--no-restore").ShouldSucceed();
        Assert.IsFalse(again.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), again.Output);
    }
}
