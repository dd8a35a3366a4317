using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// <c>GET /models/{name}/drift</c>: the model's window of recent inputs compared with its training reference —
/// per column the method, statistic, threshold and verdict, the dataset's verdict, and both histograms.
/// </summary>
internal sealed class DriftEndpoint(PredictionEndpoint models, ServingMetrics metrics)
{
    private const string Endpoint = "drift";

    public async Task AnswerAsync(HttpContext context, string name)
    {
        var start = Stopwatch.GetTimestamp();
        if (await models.FindAsync(context, name, Endpoint, start) is not { } model)
        {
            return;
        }
        if (model.Drift is not { } drift)
        {
            var problem = ServingProblem.NoDriftReference(model.Name);
            await problem.WriteAsync(context);
            metrics.Record(model.Name, Endpoint, problem.Status, start, 0);
            return;
        }
        var report = drift.Current();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, ServingJson.Writer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model.Name);
            writer.WriteString("sha256", model.Sha256);
            writer.WriteNumber("windowSize", drift.Window.Capacity);
            writer.WriteNumber("windowRows", report?.CurrentRows ?? 0);
            if (report is null)
            {
                writer.WriteString("detail", $"no input scored yet: the window fills with the rows predict and invocations score (the last {drift.Window.Capacity}), then compares them with the data model '{model.Name}' was trained on.");
                writer.WriteNull("drift");
            }
            else
            {
                writer.WritePropertyName("drift");
                DriftReportJson.Write(report, writer);
            }
            writer.WriteEndObject();
        }
        metrics.Record(model.Name, Endpoint, StatusCodes.Status200OK, start, 0);
    }
}
