using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReproBuild.Serving;

/// <summary>
/// Answers <c>predict</c> and MLflow's <c>invocations</c>: finds the model (404, or 503 when it did not load), reads the
/// body within its limit (413), parses it (400), checks every row against the model's input contract (400 naming each
/// row, field and rule), and only then scores — all rows or none. Every answer about a model carries its SHA-256 in
/// <c>X-Model-Sha256</c>, and nothing a request does reaches the caller as an exception.
/// </summary>
internal sealed class PredictionEndpoint(ModelCatalog catalog, IOptions<ServingOptions> options, ServingMetrics metrics, ILogger<PredictionEndpoint> logger)
{
    public const string Sha256Header = "X-Model-Sha256";
    public const string VersionHeader = "X-Model-Version";

    /// <summary>The model label of requests for a model that is not served.</summary>
    public const string UnknownModel = "(unknown)";

    private readonly ServingOptions _options = options.Value;

    public Task PredictAsync(HttpContext context, string name) => HandleAsync(context, name, "predict", mlflow: false);

    public Task InvocationsAsync(HttpContext context, string? name)
    {
        if (name is null)
        {
            name = _options.InvocationsModel ?? (catalog.Models.Count + catalog.Failures.Count == 1 ? catalog.Models.Keys.Concat(catalog.Failures.Keys).Single() : null);
            if (name is null)
            {
                return Answer(context, UnknownModel, "invocations", Stopwatch.GetTimestamp(), ServingProblem.NoInvocationsModel(catalog.Models.Keys.Order(StringComparer.Ordinal)));
            }
        }
        return HandleAsync(context, name, "invocations", mlflow: true);
    }

    /// <summary>Finds a served model for a request, or writes why there is none (404 or 503).</summary>
    public async Task<ServedModel?> FindAsync(HttpContext context, string name, string endpoint, long start)
    {
        if (catalog.Find(name) is { } model)
        {
            context.Response.Headers[Sha256Header] = model.Sha256;
            context.Response.Headers[VersionHeader] = model.Model.Version;
            return model;
        }
        if (catalog.Failures.TryGetValue(name, out var reason))
        {
            await Answer(context, name, endpoint, start, ServingProblem.NotLoaded(name, reason));
        }
        else
        {
            // The name a caller made up is not a metric label: that would let callers create time series at will.
            await Answer(context, UnknownModel, endpoint, start, ServingProblem.UnknownModel(name, catalog.Models.Keys.Order(StringComparer.Ordinal)));
        }
        return null;
    }

    private async Task HandleAsync(HttpContext context, string name, string endpoint, bool mlflow)
    {
        var start = Stopwatch.GetTimestamp();
        if (await FindAsync(context, name, endpoint, start) is not { } model)
        {
            return;
        }
        var rows = 0;
        if (!IsJson(context.Request.ContentType))
        {
            await Answer(context, model.Name, endpoint, start, ServingProblem.NotJson(context.Request.ContentType));
            return;
        }
        try
        {
            using var body = await RequestBody.ReadAsync(context, _options.MaxRequestBodyBytes);
            if (body is null)
            {
                await Answer(context, model.Name, endpoint, start, ServingProblem.TooLarge(_options.MaxRequestBodyBytes));
                return;
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body.Memory);
            }
            catch (JsonException e)
            {
                await Answer(context, model.Name, endpoint, start, ServingProblem.MalformedJson(PositionOf(e)));
                return;
            }
            using (document)
            {
                var (batch, shapeProblem) = mlflow ? RequestShapes.Invocations(document.RootElement, model.Layout, _options) : RequestShapes.Predict(document.RootElement, model.Layout, _options);
                if (shapeProblem is not null)
                {
                    await Answer(context, model.Name, endpoint, start, shapeProblem);
                    return;
                }
                using (batch)
                {
                    if (batch!.ProblemCount > 0)
                    {
                        await Answer(context, model.Name, endpoint, start, ServingProblem.InvalidInput(batch, model.Name));
                        return;
                    }
                    rows = batch.Rows;
                    await ScoreAsync(context, model, batch, single: !mlflow && document.RootElement.ValueKind == JsonValueKind.Object);
                    model.Drift?.Window.Add(batch);
                }
            }
            metrics.Record(model.Name, endpoint, StatusCodes.Status200OK, start, rows);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own checks of the body: past the limit, or a broken chunked encoding.
            await Answer(context, model.Name, endpoint, start, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ServingProblem.TooLarge(_options.MaxRequestBodyBytes)
                : ServingProblem.BadShape($"the body could not be read: {e.Message}"));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
            metrics.Record(model.Name, endpoint, StatusCodes.Status499ClientClosedRequest, start, 0);
        }
        catch (Exception e)
        {
            ServingLog.Failed(logger, e, model.Name, endpoint);
            if (!context.Response.HasStarted)
            {
                await Answer(context, model.Name, endpoint, start, ServingProblem.Internal());
            }
        }
    }

    private static async Task ScoreAsync(HttpContext context, ServedModel model, InputBatch batch, bool single)
    {
        var scorer = model.Scorers.Get();
        try
        {
            scorer.Begin();
            var writer = scorer.Writer;
            writer.WriteStartObject();
            writer.WriteString("model", model.Name);
            writer.WriteString("sha256", model.Sha256);
            if (single)
            {
                writer.WritePropertyName("prediction");
                scorer.Score(batch, 0);
            }
            else
            {
                writer.WriteStartArray("predictions");
                for (var row = 0; row < batch.Rows; row++)
                {
                    scorer.Score(batch, row);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            var written = scorer.Written;
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = written.Length;
            await context.Response.Body.WriteAsync(written, context.RequestAborted);
        }
        finally
        {
            model.Scorers.Return(scorer);
        }
    }

    private async Task Answer(HttpContext context, string model, string endpoint, long start, ServingProblem problem)
    {
        await problem.WriteAsync(context);
        metrics.Record(model, endpoint, problem.Status, start, 0);
    }

    // MLflow's rule: the body is JSON. No Content-Type at all is taken as JSON too.
    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));

    private static string PositionOf(JsonException e) =>
        e.LineNumber is { } line ? $"invalid JSON at line {line + 1}, byte {e.BytePositionInLine + 1}." : "invalid JSON.";
}
