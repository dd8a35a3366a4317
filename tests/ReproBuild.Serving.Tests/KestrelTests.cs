using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReproBuild.Serving.Tests;

/// <summary>The service on a real Kestrel on 127.0.0.1: its routes over TCP, concurrent callers, and a body streamed past the limit.</summary>
[TestClass]
public sealed class KestrelTests
{
    private static readonly System.Reflection.Assembly[] Models = [typeof(Cancer.ModelsMarker).Assembly];

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task EveryRouteAnswersOverLoopback()
    {
        await using var host = await ServingHost.StartAsync(Models, o => o.InvocationsModel = "Iris");
        var client = host.Client;

        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/ping")).StatusCode);
        Assert.HasCount(3, (await client.GetFromJsonAsync<JsonArray>("/models"))!);
        Assert.AreEqual("Iris", (string)(await client.GetFromJsonAsync<JsonObject>("/models/Iris"))!["name"]!);
        StringAssert.Contains(await client.GetStringAsync("/models/Iris/provenance"), "https://in-toto.io/Statement/v1");

        var predict = await client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris);
        Assert.AreEqual(HttpStatusCode.OK, predict.StatusCode);
        Assert.AreEqual(64, predict.Headers.GetValues("X-Model-Sha256").Single().Length);
        var invocations = await client.PostAsJsonAsync("/invocations", new JsonObject { ["dataframe_records"] = new JsonArray(SampleRows.Iris.DeepClone()) });
        Assert.AreEqual(
            JsonNode.Parse(await predict.Content.ReadAsStringAsync())!["prediction"]!.ToJsonString(),
            JsonNode.Parse(await invocations.Content.ReadAsStringAsync())!["predictions"]![0]!.ToJsonString());
        Assert.AreEqual(HttpStatusCode.OK, (await client.PostAsJsonAsync("/models/Iris/invocations", new JsonObject { ["inputs"] = new JsonArray(SampleRows.Iris.DeepClone()) })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/models/Nope/predict", SampleRows.Iris)).StatusCode);
        var metrics = await client.GetStringAsync("/metrics");
        StringAssert.Contains(metrics, "reprobuild_serving_requests{endpoint=\"predict\",model=\"Iris\",status=\"200\"}");
        StringAssert.Contains(metrics, "reprobuild_serving_errors{endpoint=\"predict\",model=\"(unknown)\",status=\"404\"}");
        Assert.DoesNotContain("Nope", metrics, "a name a caller made up is no metric label");
        StringAssert.Contains(await client.GetStringAsync("/openapi/v1.json"), "/models/{name}/predict");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TwoHundredConcurrentRequestsGetExactlyTheAnswersOfSequentialCalls()
    {
        await using var host = await ServingHost.StartAsync(Models);
        var requests = new List<(string Route, JsonNode Body)>();
        var diabetes = SampleRows.Read("diabetes", "progression", 100);
        var cancer = SampleRows.Read("cancer", "diagnosis", 60);
        for (var i = 0; i < 200; i++)
        {
            requests.Add((i % 4) switch
            {
                0 => ("/models/Diabetes/predict", (JsonNode)diabetes[i % diabetes.Count]),
                1 => ("/models/Cancer/predict", cancer[i % cancer.Count]),
                2 => ("/models/Diabetes/predict", new JsonArray([.. diabetes.Skip(i % 50).Take(10).Select(r => r.DeepClone())])),
                _ => ("/models/Iris/invocations", new JsonObject { ["dataframe_records"] = new JsonArray(SampleRows.With(SampleRows.Iris, "petal_length", 1 + i % 50 / 10.0)) }),
            });
        }

        var sequential = new List<string>();
        foreach (var (route, body) in requests)
        {
            sequential.Add(await Answer(host.Client, route, body));
        }
        // All 200 are in flight before the first is sent.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = requests.Select(async r =>
        {
            await go.Task;
            return await Answer(host.Client, r.Route, r.Body);
        }).ToArray();
        go.SetResult();
        var concurrent = await Task.WhenAll(calls);

        CollectionAssert.AreEqual(sequential, concurrent);
        Assert.IsGreaterThan(50, sequential.Distinct().Count(), "the requests ask different questions");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task AChunkedBodyStreamedPastTheLimitIs413()
    {
        await using var host = await ServingHost.StartAsync(Models, o => o.MaxRequestBodyBytes = 1000);
        var rows = new JsonArray([.. Enumerable.Range(0, 200).Select(_ => SampleRows.Iris.DeepClone())]);
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rows.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/models/Iris/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await host.Client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "urn:reprobuild:serving:body-too-large");
        Assert.AreEqual(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris)).StatusCode);
    }

    private static async Task<string> Answer(HttpClient client, string route, JsonNode body)
    {
        var response = await client.PostAsJsonAsync(route, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        return text;
    }
}
