using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ReproBuild.Serving.Tests;

/// <summary>
/// Every kind of bad request gets its status and an RFC 7807 problem naming the row, the field and the rule — never a
/// stack trace — and the service keeps answering.
/// </summary>
[TestClass]
public sealed class BadRequestTests
{
    private static WebApplicationFactory<Program> _factory = null!;
    private static HttpClient _client = null!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<ServingOptions>(o => o.MaxRequestBodyBytes = 4096)));
        _client = _factory.CreateClient();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestMethod]
    public async Task AnUnknownFieldIsNamedWithItsRow()
    {
        var error = await SingleError("/models/Iris/predict", SampleRows.With(SampleRows.Iris, "petal_colour", "blue"));
        AssertError(error, 0, "petal_colour", "unknown-field", null);
    }

    [TestMethod]
    public async Task AMissingFieldIsNamedWithItsRow()
    {
        var rows = new JsonArray(SampleRows.Iris.DeepClone(), SampleRows.With(SampleRows.Iris, "petal_width", null, remove: true));
        var error = await SingleError("/models/Iris/predict", rows);
        AssertError(error, 1, "petal_width", "missing-field", null);
    }

    [TestMethod]
    public async Task AValueOfTheWrongJsonTypeIsRefused()
    {
        var error = await SingleError("/models/Iris/predict", SampleRows.With(SampleRows.Iris, "sepal_width", "3.5"));
        AssertError(error, 0, "sepal_width", "json-type", null);
        StringAssert.Contains((string)error["detail"]!, "takes a JSON number");
    }

    [TestMethod]
    public async Task ANumberThatIsNotOfTheSchemasTypeIsATypeError()
    {
        var error = await SingleError("/models/Diabetes/predict", SampleRows.With(SampleRows.Diabetes, "age", 59.5));
        AssertError(error, 0, "age", "type", "RB2010");
        StringAssert.Contains((string)error["detail"]!, "field 'age' value '59.5' is not a valid integer");
    }

    [TestMethod]
    public async Task ValuesOutsideTheSchemasConstraintsAreRefusedWithTheBuildsCodeAndMessage()
    {
        var below = await SingleError("/models/Diabetes/predict", SampleRows.With(SampleRows.Diabetes, "bmi", 5));
        AssertError(below, 0, "bmi", "range", "RB2013");
        StringAssert.Contains((string)below["detail"]!, "field 'bmi' value '5' is below minimum 10");

        var exclusive = await SingleError("/models/Iris/predict", SampleRows.With(SampleRows.Iris, "petal_length", 0));
        AssertError(exclusive, 0, "petal_length", "range", "RB2013");

        var notInEnum = await SingleError("/models/Diabetes/invocations", new JsonObject { ["dataframe_records"] = new JsonArray(SampleRows.With(SampleRows.Diabetes, "sex", 3)) });
        AssertError(notInEnum, 0, "sex", "enum", "RB2016");
    }

    [TestMethod]
    public async Task ANullInARequiredFieldIsRefused()
    {
        var error = await SingleError("/models/Diabetes/predict", SampleRows.With(SampleRows.Diabetes, "s3", null));
        AssertError(error, 0, "s3", "required", "RB2011");
    }

    [TestMethod]
    public async Task EveryProblemOfABatchIsCountedAndTheFirstOnesListed()
    {
        var rows = new JsonArray([.. Enumerable.Range(0, 30).Select(_ => SampleRows.With(SampleRows.Iris, "sepal_length", -1))]);
        var response = await _client.PostAsJsonAsync("/models/Iris/predict", rows);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "invalid-input");
        Assert.AreEqual(30, (int)problem["errorCount"]!);
        Assert.HasCount(20, problem["errors"]!.AsArray());
        Assert.AreEqual(19, (int)problem["errors"]![19]!["row"]!);
    }

    [TestMethod]
    public async Task MalformedJsonAndBodiesOfTheWrongShapeAre400()
    {
        var malformed = await _client.PostAsync("/models/Iris/predict", new StringContent("{\"sepal_length\": 5.1,", Encoding.UTF8, "application/json"));
        StringAssert.Contains((string)(await Problem(malformed, HttpStatusCode.BadRequest, "malformed-json"))["detail"]!, "line 1");

        var scalar = await _client.PostAsync("/models/Iris/predict", new StringContent("42", Encoding.UTF8, "application/json"));
        await Problem(scalar, HttpStatusCode.BadRequest, "bad-request-shape");

        var unknownKey = await _client.PostAsJsonAsync("/models/Iris/invocations", new JsonObject { ["dataframe_rows"] = new JsonArray() });
        await Problem(unknownKey, HttpStatusCode.BadRequest, "bad-request-shape");

        var form = await _client.PostAsync("/models/Iris/predict", new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Problem(form, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [TestMethod]
    public async Task ABodyOverTheLimitIs413()
    {
        var rows = new JsonArray([.. Enumerable.Range(0, 100).Select(_ => SampleRows.Iris.DeepClone())]);
        var response = await _client.PostAsJsonAsync("/models/Iris/predict", rows);
        StringAssert.Contains((string)(await Problem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large"))["detail"]!, "4096 bytes");
    }

    [TestMethod]
    public async Task AnUnknownModelIs404WithTheServedModels()
    {
        var response = await _client.PostAsJsonAsync("/models/Titanic/predict", SampleRows.Iris);
        StringAssert.Contains((string)(await Problem(response, HttpStatusCode.NotFound, "unknown-model"))["detail"]!, "Models: Cancer, Diabetes, Iris");
        Assert.AreEqual(HttpStatusCode.NotFound, (await _client.GetAsync("/models/Titanic/provenance")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await _client.GetAsync("/models/Titanic")).StatusCode);
    }

    [TestMethod]
    public async Task HostileInputNeverLeaksAStackTraceAndTheServiceKeepsAnswering()
    {
        var hostile = new[]
        {
            "{\"sepal_length\": 1e400, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}",
            "{\"sepal_length\": " + new string('9', 2000) + ", \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}",
            new string('[', 3000),
            "{\"sepal\\u0000length\": 1}",
            "[[], {}, null, 1, \"x\"]",
            "{\"dataframe_split\": {\"columns\": [\"sepal_length\", 7], \"data\": [[1, 2, 3]]}}",
            "\uFEFF{}",
        };
        foreach (var body in hostile)
        {
            foreach (var route in new[] { "/models/Iris/predict", "/models/Iris/invocations" })
            {
                var response = await _client.PostAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
                var text = await response.Content.ReadAsStringAsync();
                Assert.IsTrue(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{route} {body[..Math.Min(40, body.Length)]}: {response.StatusCode} {text}");
                Assert.DoesNotContain("   at ", text);
                Assert.DoesNotContain("Exception", text);
            }
        }
        Assert.AreEqual(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris)).StatusCode);
    }

    private static async Task<JsonNode> SingleError(string route, JsonNode body)
    {
        var response = await _client.PostAsJsonAsync(route, body);
        var problem = await Problem(response, HttpStatusCode.BadRequest, "invalid-input");
        Assert.AreEqual(1, (int)problem["errorCount"]!, problem.ToJsonString());
        Assert.AreEqual(response.Headers.GetValues("X-Model-Sha256").Single().Length, 64);
        return problem["errors"]![0]!;
    }

    private static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, text);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.AreEqual($"urn:reprobuild:serving:{type}", (string)problem["type"]!);
        Assert.AreEqual((int)status, (int)problem["status"]!);
        Assert.IsFalse(string.IsNullOrWhiteSpace((string)problem["title"]!));
        return problem;
    }

    private static void AssertError(JsonNode error, int row, string field, string rule, string? code)
    {
        Assert.AreEqual(row, (int)error["row"]!, error.ToJsonString());
        Assert.AreEqual(field, (string)error["field"]!);
        Assert.AreEqual(rule, (string)error["rule"]!);
        Assert.AreEqual(code, (string?)error["code"]);
        StringAssert.Contains((string)error["detail"]!, field);
    }
}
