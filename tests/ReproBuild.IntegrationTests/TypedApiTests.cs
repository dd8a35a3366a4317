using System.Globalization;
using System.Text;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The typed API the build generates per model, used from another project as a user would: the same predictions as the
/// untyped path for every task, and a column removed from the data breaks the code that used it at compile time. Also
/// the declarative text featuriser, on text the test writes.
/// </summary>
[TestClass]
public sealed class TypedApiTests
{
    private const string Consumer = """
        using System.Globalization;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Models.Models;
        using ReproBuild.Runtime;

        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var failures = 0;
        void Same(string what, object typed, object untyped)
        {
            if (!Equals(typed, untyped))
            {
                Console.WriteLine($"DIFFERENT {what}: typed {typed}, untyped {untyped}");
                failures++;
            }
        }
        List<T> Rows<T>(EmbeddedModel model, string file) where T : class, new() =>
            model.Context.Data.CreateEnumerable<T>(model.LoadCsv(Path.Combine(data, file)), reuseRowObject: false).ToList();

        // Binary: the data's labels (yes/no), the probability and the score.
        var churn = ChurnModel.Predict(Rows<ChurnInput>(ChurnModel.Model, "customers.csv"));
        var scored = ChurnModel.Model.Predict(ChurnModel.Model.LoadCsv(Path.Combine(data, "customers.csv")));
        var labels = scored.GetColumn<bool>("PredictedLabel").ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        for (var i = 0; i < churn.Count; i++)
        {
            Same($"churn label {i}", churn[i].PredictedLabel, labels[i] ? "yes" : "no");
            Same($"churn probability {i}", churn[i].Probability, probabilities[i]);
        }
        var single = ChurnModel.Predict(new ChurnInput { X1 = 9.5f, X2 = 8.25f, Color = "red" });
        Console.WriteLine($"churn {churn.Count} rows; one customer: {single.PredictedLabel} {single.Probability.ToString("0.00", CultureInfo.InvariantCulture)}");

        // Multiclass: the class values and a score per class.
        var kinds = KindModel.Predict(Rows<KindInput>(KindModel.Model, "kinds.csv"));
        var kindScored = KindModel.Model.Predict(KindModel.Model.LoadCsv(Path.Combine(data, "kinds.csv")));
        var kindLabels = kindScored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(l => l.ToString()).ToList();
        var kindScores = kindScored.GetColumn<float[]>("Score").ToList();
        for (var i = 0; i < kinds.Count; i++)
        {
            Same($"kind label {i}", kinds[i].PredictedLabel, kindLabels[i]);
            Same($"kind score {i}", kinds[i].Scores[kinds[i].PredictedLabel], kindScores[i].Max());
        }
        Console.WriteLine($"kinds {kinds.Count} rows; classes {string.Join(",", KindPrediction.Classes)}");

        // Regression: the score.
        var targets = TargetModel.Predict(Rows<TargetInput>(TargetModel.Model, "targets.csv"));
        var targetScores = TargetModel.Model.Predict(TargetModel.Model.LoadCsv(Path.Combine(data, "targets.csv"))).GetColumn<float>("Score").ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            Same($"target {i}", targets[i].Score, targetScores[i]);
        }
        Console.WriteLine($"targets {targets.Count} rows");

        // Many threads at once share the pooled prediction engines.
        var parallel = Enumerable.Range(0, 64).AsParallel().Select(i => TargetModel.Predict(new TargetInput { U = i % 10, V = 3 }).Score).ToList();
        Same("parallel", parallel[13], TargetModel.Predict(new TargetInput { U = 3, V = 3 }).Score);
        Console.WriteLine(failures == 0 ? "typed and untyped predictions agree" : $"{failures} differences");
        return failures == 0 ? 0 : 1;
        """;

    [TestMethod]
    public void AConsumerPredictsThroughTheTypedApiAsTheUntypedPathDoesAndARemovedColumnBreaksItsCompile()
    {
        var root = PackagedReproBuild.NewFolder(nameof(TypedApiTests));
        UserProject.WriteUserSetup(root);
        var models = UserProject.InFolder(Path.Combine(root, "Models"), """
            <Dataset Include="data/customers.csv" />
            <Dataset Include="data/kinds.csv" />
            <Dataset Include="data/targets.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" PositiveLabel="yes" Trainer="LbfgsLogisticRegression" Seed="3" />
            <Model Include="Kind" Dataset="kinds" Task="MulticlassClassification" LabelColumn="kind" Seed="3" />
            <Model Include="Target" Dataset="targets" Task="Regression" LabelColumn="target" Trainer="Sdca" Seed="3" />
            """);
        models.WriteFile("data/customers.csv", TestData.Binary(rows: 120));
        models.WriteFile("data/kinds.csv", TestData.Multiclass(rows: 90));
        models.WriteFile("data/targets.csv", TestData.Regression(rows: 120));
        var consumer = Path.Combine(root, "Consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Models/Models.csproj" />
                <None Include="../Models/data/*.csv" Link="data/%(Filename)%(Extension)" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), Consumer);

        var run = DotNet.Run(consumer, ["run"]).ShouldSucceed();
        StringAssert.Contains(run.Output, "typed and untyped predictions agree");
        StringAssert.Contains(run.Output, "churn 120 rows");
        StringAssert.Contains(run.Output, "classes alpha,beta,gamma");

        var generated = File.ReadAllText(Path.Combine(models.IntermediateDirectory(), "ReproBuild.Models.g.cs"));
        StringAssert.Contains(generated, "namespace Models.Models");
        StringAssert.Contains(generated, $"trained on dataset customers (sha256 {Sha256(Path.Combine(models.Directory, "data", "customers.csv"))})");

        // The data loses column x2, which the consumer sets: its build fails where it used it, not at run time.
        var withoutX2 = string.Join("\n", File.ReadAllLines(Path.Combine(models.Directory, "data", "customers.csv")).Select(line =>
        {
            var cells = line.Split(',');
            return string.Join(",", cells[0], cells[2], cells[3]);
        })) + "\n";
        models.WriteFile("data/customers.csv", withoutX2);
        var broken = DotNet.Run(consumer, ["build"]).ShouldFail();
        Assert.IsTrue(broken.Errors.Any(e => e.Contains("error CS0117: 'ChurnInput' does not contain a definition for 'X2'", StringComparison.Ordinal)), broken.Output);
        broken.ShouldHaveNoStackTrace();
    }

    [TestMethod]
    public void TextFeaturesAreFeaturisedAsFreeTextAndMustBeTextColumnsOfTheModel()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/reviews.csv" />
            <Model Include="Reviews" Dataset="reviews" Task="BinaryClassification" LabelColumn="liked" PositiveLabel="yes" TextFeatures="review" Trainer="LbfgsLogisticRegression" Seed="5" />
            <Model Include="Categories" Dataset="reviews" Task="BinaryClassification" LabelColumn="liked" PositiveLabel="yes" Trainer="LbfgsLogisticRegression" Seed="5" Ignore="stars" />
            """);
        project.WriteFile("data/reviews.csv", Reviews());
        var result = project.Build().ShouldSucceed();

        // Every review is different, so one-hot categories learn nothing that carries to held-out rows; words do.
        var text = Metric(project, "Reviews", "AreaUnderRocCurve");
        var categories = Metric(project, "Categories", "AreaUnderRocCurve");
        Assert.IsGreaterThan(0.95, text, result.Output);
        Assert.IsLessThan(text - 0.2, categories, result.Output);
        StringAssert.Contains(File.ReadAllText(project.Output("models/Reviews.provenance.json")), "\"textFeatures\": [");

        project.WriteProject("""
            <Dataset Include="data/reviews.csv" />
            <Model Include="Numbers" Dataset="reviews" Task="BinaryClassification" LabelColumn="liked" PositiveLabel="yes" TextFeatures="stars" />
            """);
        var wrong = project.Build().ShouldFail();
        wrong.ShouldHaveNoStackTrace();
        Assert.AreEqual(1, wrong.Errors.Count, wrong.Output);
        StringAssert.StartsWith(wrong.Errors[0], $"{ElementLocation.Of(project.ProjectFile, "\"Numbers\"")}: error RB1021: column 'stars' in TextFeatures of model 'Numbers' is read as numbers, not text");
    }

    /// <summary>Short reviews made of a few liked or disliked words among neutral ones, each one different; stars is noise.</summary>
    private static string Reviews()
    {
        var random = new Random(17);
        string[] good = ["great", "lovely", "excellent", "delightful", "superb"];
        string[] bad = ["awful", "broken", "terrible", "disappointing", "useless"];
        string[] neutral = ["the", "blender", "arrived", "on", "tuesday", "and", "my", "kitchen", "box", "colour", "was", "quite"];
        var text = new StringBuilder("review,stars,liked\n");
        for (var i = 0; i < 300; i++)
        {
            var liked = random.Next(2) == 1;
            var words = Enumerable.Range(0, 6).Select(_ => neutral[random.Next(neutral.Length)]).ToList();
            words.Insert(random.Next(words.Count), (liked ? good : bad)[random.Next(5)]);
            words.Add(string.Create(CultureInfo.InvariantCulture, $"order{i}"));
            text.Append(CultureInfo.InvariantCulture, $"{string.Join(' ', words)},{random.Next(1, 6)},{(liked ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    private static double Metric(UserProject project, string model, string metric) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(project.Output($"models/{model}.metrics.json"))).RootElement.GetProperty("metrics").GetProperty(metric).GetDouble();

    private static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
