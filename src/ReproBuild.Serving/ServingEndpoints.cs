using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace ReproBuild.Serving;

/// <summary>The routes of ReproBuild.Serving (README, "Serving models").</summary>
public static class ServingEndpoints
{
    internal const string ReadyTag = "reprobuild-ready";

    /// <summary>
    /// Maps the serving routes: <c>GET /models</c>, <c>GET /models/{name}</c>, <c>GET /models/{name}/provenance</c>,
    /// <c>POST /models/{name}/predict</c>, <c>POST /models/{name}/invocations</c>, <c>POST /invocations</c>,
    /// <c>GET /health/ready</c> (also MLflow's <c>GET /ping</c>), <c>GET /health/live</c>, <c>GET /metrics</c> (Prometheus)
    /// and <c>GET /openapi/v1.json</c>. Call <c>AddReproBuildServing</c> first.
    /// </summary>
    public static IEndpointRouteBuilder MapReproBuildServing(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var models = endpoints.MapGroup("/models").WithTags("Models");

        models.MapGet("", (ModelCatalog catalog, HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartArray();
                foreach (var model in catalog.Models.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WriteRawValue(model.Description, skipInputValidation: true);
                }
                writer.WriteEndArray();
            }))
            .WithName("ListModels").WithSummary("Every served model: name, version, SHA-256, task, metrics, datasets by digest and the fields it takes.")
            .Produces<ModelDescription[]>();

        models.MapGet("/{name}", async (string name, PredictionEndpoint endpoint, HttpContext context) =>
            {
                if (await endpoint.FindAsync(context, name, "describe", Stopwatch.GetTimestamp()) is { } model)
                {
                    await WriteBytesAsync(context, model.Description);
                }
            })
            .WithName("DescribeModel").WithSummary("One model's description.")
            .Produces<ModelDescription>().ProducesProblem(StatusCodes.Status404NotFound);

        models.MapGet("/{name}/provenance", async (string name, PredictionEndpoint endpoint, HttpContext context) =>
            {
                if (await endpoint.FindAsync(context, name, "provenance", Stopwatch.GetTimestamp()) is { } model)
                {
                    await WriteBytesAsync(context, model.Provenance);
                }
            })
            .WithName("ModelProvenance").WithSummary("The model's provenance: the in-toto Statement (SLSA Provenance v1) the build wrote, byte for byte.")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status404NotFound);

        models.MapGet("/{name}/drift", (string name, DriftEndpoint endpoint, HttpContext context) => endpoint.AnswerAsync(context, name))
            .WithName("ModelDrift").WithSummary("The model's recent inputs (ServingOptions.DriftWindowSize rows) compared with its training data: per column method, statistic, threshold and verdict, and the dataset's verdict.")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status404NotFound);

        models.MapPost("/{name}/predict", (string name, PredictionEndpoint endpoint, HttpContext context) => endpoint.PredictAsync(context, name))
            .WithName("Predict").WithSummary("Predicts one row (a JSON object keyed by column name) or a batch (an array of them).")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        models.MapPost("/{name}/invocations", (string name, PredictionEndpoint endpoint, HttpContext context) => endpoint.InvocationsAsync(context, name))
            .WithName("ModelInvocations").WithSummary("MLflow's scoring protocol for this model: dataframe_split, dataframe_records or inputs; answers {\"predictions\": [...]}.")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        endpoints.MapPost("/invocations", (PredictionEndpoint endpoint, HttpContext context) => endpoint.InvocationsAsync(context, null))
            .WithTags("MLflow").WithName("Invocations").WithSummary("MLflow's scoring endpoint, for the only model or ServingOptions.InvocationsModel.")
            .Produces<JsonElement>().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteHealthAsync,
        };
        endpoints.MapHealthChecks("/health/ready", ready).WithTags("Health");
        endpoints.MapHealthChecks("/ping", ready).WithTags("MLflow");
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        endpoints.MapMetrics("/metrics");
        endpoints.MapOpenApi();
        return endpoints;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report) => WriteAsync(context, context.Response.StatusCode, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        foreach (var entry in report.Entries.Values)
        {
            writer.WriteString("description", entry.Description);
            writer.WriteStartObject("models");
            foreach (var (name, state) in entry.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, state.ToString());
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ServingJson.Writer);
        write(writer);
    }

    private static async Task WriteBytesAsync(HttpContext context, byte[] json)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }
}
