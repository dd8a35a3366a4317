using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReproBuild.Runtime;

namespace ReproBuild.Serving.Tests;

/// <summary>Every route of the sample service (samples/Cancer.Serve, in memory): what a caller gets back.</summary>
[TestClass]
public sealed class RouteTests
{
    private static WebApplicationFactory<Program> _factory = null!;
    private static HttpClient _client = null!;

    private static System.Reflection.Assembly Models => typeof(Cancer.ModelsMarker).Assembly;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _factory = new WebApplicationFactory<Program>();
        _client = _factory.CreateClient();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestMethod]
    public async Task ModelsListsEveryEmbeddedModelWithItsDigestTaskMetricsAndDatasets()
    {
        var models = await _client.GetFromJsonAsync<JsonArray>("/models");

        Assert.AreEqual("Cancer,Diabetes,Iris", string.Join(",", models!.Select(m => (string)m!["name"]!)));
        var cancer = models![0]!;
        Assert.AreEqual(EmbeddedModel.Verify(Models, "Cancer").Sha256, (string)cancer["sha256"]!);
        Assert.AreEqual("1.0.0", (string)cancer["version"]!);
        Assert.AreEqual("BinaryClassification", (string)cancer["task"]!);
        Assert.AreEqual("malignant", (string)cancer["positiveLabel"]!);
        Assert.IsGreaterThan(0.9, (double)cancer["metrics"]!["AreaUnderRocCurve"]!);
        Assert.AreEqual("af399a019264f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55", (string)cancer["datasets"]![0]!["sha256"]!);
        Assert.IsTrue((bool)cancer["schemaChecked"]!);
        Assert.HasCount(30, cancer["inputs"]!.AsArray());
        Assert.AreEqual("number", (string)cancer["inputs"]![0]!["type"]!);
    }

    [TestMethod]
    public async Task OneModelIsDescribedAndItsProvenanceIsTheStatementTheBuildWroteByteForByte()
    {
        var description = await _client.GetAsync("/models/Iris");
        Assert.AreEqual(HttpStatusCode.OK, description.StatusCode);
        var sha256 = EmbeddedModel.Verify(Models, "Iris").Sha256;
        Assert.AreEqual(sha256, description.Headers.GetValues("X-Model-Sha256").Single());
        Assert.AreEqual("MulticlassClassification", (string)JsonNode.Parse(await description.Content.ReadAsStringAsync())!["task"]!);

        var provenance = await _client.GetAsync("/models/Iris/provenance");
        Assert.AreEqual(HttpStatusCode.OK, provenance.StatusCode);
        Assert.AreEqual(EmbeddedModel.Verify(Models, "Iris").Json, await provenance.Content.ReadAsStringAsync());
        Assert.AreEqual(sha256, provenance.Headers.GetValues("X-Model-Sha256").Single());
    }

    [TestMethod]
    public async Task PredictAnswersOneRowAndABatchExactlyAsTheModelScoresTheDataFile()
    {
        var rows = SampleRows.Read("diabetes", "progression", 20);
        var model = EmbeddedModel.Load(Models, "Diabetes");
        var expected = model.Predict(model.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "diabetes.csv"))).GetColumn<float>("Score").Take(20).ToArray();

        var one = await _client.PostAsJsonAsync("/models/Diabetes/predict", rows[0]);
        Assert.AreEqual(HttpStatusCode.OK, one.StatusCode, await one.Content.ReadAsStringAsync());
        Assert.AreEqual(model.Sha256, one.Headers.GetValues("X-Model-Sha256").Single());
        var single = JsonNode.Parse(await one.Content.ReadAsStringAsync())!;
        Assert.AreEqual(model.Sha256, (string)single["sha256"]!);
        Assert.AreEqual(expected[0], (float)single["prediction"]!["score"]!);

        var batch = await _client.PostAsJsonAsync("/models/Diabetes/predict", new JsonArray([.. rows]));
        var predictions = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["predictions"]!.AsArray();
        CollectionAssert.AreEqual(expected, predictions.Select(p => (float)p!["score"]!).ToArray());
    }

    [TestMethod]
    public async Task ClassifiersAnswerTheirLabelAndProbabilities()
    {
        var iris = JsonNode.Parse(await (await _client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris)).Content.ReadAsStringAsync())!["prediction"]!;
        Assert.AreEqual("setosa", (string)iris["predictedLabel"]!);
        Assert.AreEqual("setosa,versicolor,virginica", string.Join(",", iris["scores"]!.AsObject().Select(s => s.Key)));

        var cancerRow = SampleRows.Read("cancer", "diagnosis", 1)[0];
        var cancer = JsonNode.Parse(await (await _client.PostAsJsonAsync("/models/Cancer/predict", cancerRow)).Content.ReadAsStringAsync())!["prediction"]!;
        Assert.IsTrue((bool)cancer["predictedLabel"]!, "the first row of the data is malignant");
        Assert.IsGreaterThan(0.5, (double)cancer["probability"]!);
    }

    [TestMethod]
    public async Task InvocationsTakesEachOfMlflowsBodiesAndAnswersTheSamePredictions()
    {
        var rows = SampleRows.Read("diabetes", "progression", 3);
        var columns = rows[0].Select(p => p.Key).ToArray();
        var bodies = new JsonObject[]
        {
            new() { ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray([.. columns.Select(c => JsonValue.Create(c))]), ["data"] = new JsonArray([.. rows.Select(r => new JsonArray([.. columns.Select(c => r[c]!.DeepClone())]))]) } },
            new() { ["dataframe_records"] = new JsonArray([.. rows.Select(r => r.DeepClone())]) },
            new() { ["inputs"] = new JsonArray([.. rows.Select(r => r.DeepClone())]) },
            new() { ["inputs"] = new JsonObject(columns.Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonArray([.. rows.Select(r => r[c]!.DeepClone())])))) },
        };
        var answers = new List<string>();
        foreach (var body in bodies)
        {
            var response = await _client.PostAsJsonAsync("/models/Diabetes/invocations", body);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            answers.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.ToJsonString());
        }
        Assert.HasCount(1, answers.Distinct());
        Assert.HasCount(3, JsonNode.Parse(answers[0])!.AsArray());

        // Three models are served, so /invocations needs ServingOptions.InvocationsModel.
        var ambiguous = await _client.PostAsJsonAsync("/invocations", bodies[1]);
        Assert.AreEqual(HttpStatusCode.NotFound, ambiguous.StatusCode);
        using var chosen = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<ServingOptions>(o => o.InvocationsModel = "Diabetes")));
        var invocations = await chosen.CreateClient().PostAsJsonAsync("/invocations", bodies[1]);
        Assert.AreEqual(answers[0], JsonNode.Parse(await invocations.Content.ReadAsStringAsync())!["predictions"]!.ToJsonString());
    }

    [TestMethod]
    public async Task HealthIsReadyWhenEveryModelLoadedAndLivenessPingMetricsAndOpenApiAnswer()
    {
        var ready = await _client.GetAsync("/health/ready");
        Assert.AreEqual(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.AreEqual("Healthy", (string)report["status"]!);
        StringAssert.StartsWith((string)report["models"]!["Cancer"]!, "loaded, sha256 8cca1ffe");
        Assert.AreEqual(HttpStatusCode.OK, (await _client.GetAsync("/ping")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);

        await _client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris);
        var metrics = await _client.GetStringAsync("/metrics");
        StringAssert.Contains(metrics, "reprobuild_serving_requests{endpoint=\"predict\",model=\"Iris\",status=\"200\"}");
        StringAssert.Contains(metrics, "reprobuild_serving_request_duration_bucket{endpoint=\"predict\",model=\"Iris\"");

        var openApi = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "/models", "/models/{name}", "/models/{name}/provenance", "/models/{name}/predict", "/models/{name}/invocations", "/invocations" }, paths);
    }
}
