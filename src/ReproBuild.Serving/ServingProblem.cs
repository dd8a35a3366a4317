using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ReproBuild.Serving;

/// <summary>
/// An error answer as RFC 7807 problem details (<c>application/problem+json</c>): a stable <c>type</c> per kind of
/// problem, and for input problems the row, field and rule of each. Never an exception's text or a stack trace.
/// </summary>
internal sealed record ServingProblem(int Status, string Type, string Title, string Detail)
{
    private const string TypePrefix = "urn:reprobuild:serving:";

    public IReadOnlyList<InputProblem>? Errors { get; init; }

    public int? ErrorCount { get; init; }

    public static ServingProblem InvalidInput(InputBatch batch, string model) => new(
        StatusCodes.Status400BadRequest,
        TypePrefix + "invalid-input",
        "The input does not fit the model",
        $"{batch.ProblemCount} problem{(batch.ProblemCount == 1 ? "" : "s")} with the input of model '{model}'; the first: {batch.Problems[0].Detail}")
    {
        Errors = batch.Problems,
        ErrorCount = batch.ProblemCount,
    };

    public static ServingProblem MalformedJson(string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "malformed-json", "The body is not valid JSON", detail);

    public static ServingProblem BadShape(string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "bad-request-shape", "The body does not have the shape this endpoint takes", detail);

    public static ServingProblem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, TypePrefix + "body-too-large", "The body is too large", $"the body is larger than the limit of {limit} bytes (ServingOptions.MaxRequestBodyBytes).");

    public static ServingProblem NotJson(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, TypePrefix + "unsupported-media-type", "The body must be JSON", $"the body is '{contentType}'; send it as application/json.");

    public static ServingProblem UnknownModel(string name, IEnumerable<string> served) =>
        new(StatusCodes.Status404NotFound, TypePrefix + "unknown-model", "No such model", $"no model named '{name}' is served. Models: {string.Join(", ", served)}.");

    public static ServingProblem NotLoaded(string name, string reason) =>
        new(StatusCodes.Status503ServiceUnavailable, TypePrefix + "model-not-loaded", "The model is not served", $"model '{name}' did not load: {reason}");

    public static ServingProblem NoInvocationsModel(IEnumerable<string> served) =>
        new(StatusCodes.Status404NotFound, TypePrefix + "unknown-model", "No model for /invocations",
            $"several models are served ({string.Join(", ", served)}) and ServingOptions.InvocationsModel names none; use POST /models/{{name}}/invocations.");

    public static ServingProblem NoDriftReference(string name) =>
        new(StatusCodes.Status404NotFound, TypePrefix + "no-drift-reference", "The model has no drift reference",
            $"model '{name}' was built without a drift reference (by an older ReproBuild); build its project again to compare its inputs with its training data.");

    public static ServingProblem Internal() =>
        new(StatusCodes.Status500InternalServerError, TypePrefix + "internal-error", "The model could not answer", "an unexpected error occurred while scoring; it is logged on the server.");

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/problem+json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ServingJson.Writer);
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("title", Title);
        writer.WriteNumber("status", Status);
        writer.WriteString("detail", Detail);
        writer.WriteString("instance", context.Request.Path.Value);
        if (Errors is not null)
        {
            writer.WriteNumber("errorCount", ErrorCount ?? Errors.Count);
            writer.WriteStartArray("errors");
            foreach (var error in Errors)
            {
                writer.WriteStartObject();
                if (error.Row is { } row)
                {
                    writer.WriteNumber("row", row);
                }
                else
                {
                    writer.WriteNull("row");
                }
                writer.WriteString("field", error.Field);
                writer.WriteString("rule", error.Rule);
                writer.WriteString("code", error.Code);
                writer.WriteString("detail", error.Detail);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
