using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving.Tests;

/// <summary>
/// Drift of a served model's recent inputs, on a real Kestrel: <c>GET /models/{name}/drift</c> and the drift gauges,
/// against the reference stamped beside the sample's Iris model (trained on all three species).
/// </summary>
[TestClass]
public sealed class DriftTests
{
    private static readonly System.Reflection.Assembly[] Models = [typeof(Cancer.ModelsMarker).Assembly];
    private static readonly string[] IrisColumns = ["sepal_length", "sepal_width", "petal_length", "petal_width"];

    // The file is sorted by species: the first 50 rows are setosa only, every third row covers all three.
    private static List<JsonObject> Setosa => SampleRows.Read("iris", "species", 50);

    private static List<JsonObject> AllSpecies => [.. SampleRows.Read("iris", "species", 150).Where((_, i) => i % 3 == 0)];

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task AnEmptyWindowSaysSoAndAnUnknownModelIs404()
    {
        await using var host = await ServingHost.StartAsync(Models, o => o.DriftWindowSize = 50);

        var empty = await host.Client.GetAsync("/models/Iris/drift");
        var body = JsonNode.Parse(await empty.Content.ReadAsStringAsync())!;
        Assert.AreEqual(HttpStatusCode.OK, empty.StatusCode);
        Assert.AreEqual(64, empty.Headers.GetValues("X-Model-Sha256").Single().Length);
        Assert.AreEqual(50, (int)body["windowSize"]!);
        Assert.AreEqual(0, (int)body["windowRows"]!);
        Assert.IsNull(body["drift"]);
        StringAssert.Contains((string)body["detail"]!, "no input scored yet");

        var unknown = await host.Client.GetAsync("/models/Nope/drift");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        StringAssert.Contains(await unknown.Content.ReadAsStringAsync(), "urn:reprobuild:serving:unknown-model");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TheWindowKeepsTheLastRowsScoredAndComparesThemWithTheTrainingData()
    {
        await using var host = await ServingHost.StartAsync(Models, o => o.DriftWindowSize = 50);

        // One species only: far from the training data.
        await Predict(host, Setosa);
        var drifted = await Drift(host);
        Assert.AreEqual(50, (int)drifted["windowRows"]!);
        Assert.IsTrue((bool)drifted["drift"]!["datasetDrift"]!, drifted.ToJsonString());
        var petal = drifted["drift"]!["columns"]!.AsArray().Single(c => (string)c!["column"]! == "petal_length")!;
        Assert.AreEqual("ks", (string)petal["method"]!);
        Assert.AreEqual("p-value", (string)petal["statistic"]!);
        Assert.IsTrue((bool)petal["drifted"]!);
        Assert.AreEqual(50, (int)petal["currentCount"]!);
        Assert.AreEqual(petal["histogram"]!["bins"]!.AsArray().Count, petal["histogram"]!["current"]!.AsArray().Count);

        // The statistic is ReproBuild.Runtime's on exactly these rows.
        var expected = DriftReference.Load(Models[0], "Iris").Compare(IrisColumns, Setosa.Select(Cells));
        Assert.AreEqual(expected.Columns.Single(c => c.Column == "petal_length").Score, (double)petal["score"]!, 1e-12);

        // A request that is refused never reaches the window.
        Assert.AreEqual(HttpStatusCode.BadRequest, (await host.Client.PostAsJsonAsync("/models/Iris/predict", SampleRows.With(SampleRows.Iris, "petal_length", "long"))).StatusCode);
        Assert.AreEqual(50, (int)(await Drift(host))["windowRows"]!);

        // Fifty rows of all three species push the setosa rows out, in batches: the window holds the last 50 only.
        await Predict(host, AllSpecies[..20]);
        Assert.IsTrue((bool)(await Drift(host))["drift"]!["datasetDrift"]!, "30 setosa rows of 50 are still there");
        await Predict(host, AllSpecies[20..]);
        var calm = await Drift(host);
        Assert.AreEqual(50, (int)calm["windowRows"]!);
        Assert.IsFalse((bool)calm["drift"]!["datasetDrift"]!, calm.ToJsonString());
        var expectedCalm = DriftReference.Load(Models[0], "Iris").Compare(IrisColumns, AllSpecies.Select(Cells));
        Assert.AreEqual(
            expectedCalm.Columns.Single(c => c.Column == "sepal_width").Score,
            (double)calm["drift"]!["columns"]!.AsArray().Single(c => (string)c!["column"]! == "sepal_width")!["score"]!, 1e-12);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TheDriftGaugesGiveEachColumnsStatisticAndTheDatasetVerdict()
    {
        await using var host = await ServingHost.StartAsync(Models, o => o.DriftWindowSize = 50);
        await Predict(host, Setosa);
        var report = (await Drift(host))["drift"]!;

        // Listened to on this service's own meter: other services in the test run have Iris windows of their own.
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measured = new Dictionary<string, double>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("drift.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                var labels = tags.ToArray().Where(t => t.Key != "statistic").OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}");
                measured[$"{instrument.Name}{{{string.Join(",", labels)}}}"] = value;
            });
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.AreEqual(1, measured["drift.dataset{model=Iris}"]);
        Assert.AreEqual((double)report["driftShare"]!, measured["drift.share{model=Iris}"], 1e-12);
        Assert.AreEqual(50, measured["drift.window.rows{model=Iris}"]);
        foreach (var column in report["columns"]!.AsArray())
        {
            Assert.AreEqual((double)column!["score"]!, measured[$"drift.score{{column={column["column"]},method={column["method"]},model=Iris}}"], 1e-12);
        }
        Assert.IsFalse(measured.Keys.Any(k => k.Contains("model=Diabetes", StringComparison.Ordinal)), "a model with an empty window has no drift series");

        var prometheus = await host.Client.GetStringAsync("/metrics");
        StringAssert.Contains(prometheus, "reprobuild_serving_drift_score{column=\"petal_length\",method=\"ks\",model=\"Iris\",statistic=\"p-value\"}");
        StringAssert.Contains(prometheus, "reprobuild_serving_drift_dataset{model=\"Iris\"}");
        StringAssert.Contains(prometheus, "reprobuild_serving_drift_share{model=\"Iris\"}");
        StringAssert.Contains(prometheus, "reprobuild_serving_drift_window_rows{model=\"Iris\"}");
    }

    private static async Task Predict(ServingHost host, IEnumerable<JsonObject> rows)
    {
        var response = await host.Client.PostAsJsonAsync("/models/Iris/predict", new JsonArray([.. rows.Select(r => r.DeepClone())]));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> Drift(ServingHost host)
    {
        var response = await host.Client.GetAsync("/models/Iris/drift");
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static string[] Cells(JsonObject row) =>
        [.. IrisColumns.Select(c => ((double)row[c]!).ToString("R", CultureInfo.InvariantCulture))];
}
