using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReproBuild.Serving;

/// <summary>
/// The service's instruments, on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics): requests, their
/// duration, errors and rows scored, tagged by model, endpoint and status code. <c>GET /metrics</c> exposes them
/// to Prometheus (prometheus-net publishes every .NET meter, prefixed with its name): <c>reprobuild_serving_requests</c>,
/// <c>reprobuild_serving_errors</c>, <c>reprobuild_serving_rows</c>, <c>reprobuild_serving_request_duration</c> (ms).
/// </summary>
internal sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "ReproBuild.Serving";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;

    public ServingMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("requests", "{request}", "Requests answered, by model, endpoint and status code.");
        _errors = _meter.CreateCounter<long>("errors", "{request}", "Requests answered with a 4xx or 5xx status, by model, endpoint and status code.");
        _rows = _meter.CreateCounter<long>("rows", "{row}", "Rows scored, by model.");
        _duration = _meter.CreateHistogram<double>("request.duration", "ms", "Time from the request reaching the endpoint to the answer written, by model and endpoint.");
    }

    public void Record(string model, string endpoint, int status, long startTimestamp, int rows)
    {
        var tags = new TagList { { "model", model }, { "endpoint", endpoint }, { "status", status } };
        _requests.Add(1, tags);
        if (status >= 400)
        {
            _errors.Add(1, tags);
        }
        if (rows > 0)
        {
            _rows.Add(rows, new KeyValuePair<string, object?>("model", model));
        }
        _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, new TagList { { "model", model }, { "endpoint", endpoint } });
    }

    public void Dispose() => _meter.Dispose();
}
