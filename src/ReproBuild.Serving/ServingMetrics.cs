using System.Diagnostics;
using System.Diagnostics.Metrics;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// The service's instruments, on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics): requests, their
/// duration, errors and rows scored, tagged by model, endpoint and status code. <c>GET /metrics</c> exposes them
/// to Prometheus (prometheus-net publishes every .NET meter, prefixed with its name): <c>reprobuild_serving_requests</c>,
/// <c>reprobuild_serving_errors</c>, <c>reprobuild_serving_rows</c>, <c>reprobuild_serving_request_duration</c> (ms), and the
/// drift gauges of each model's recent inputs: <c>reprobuild_serving_drift_score</c> (by column), <c>_drift_share</c>,
/// <c>_drift_dataset</c> and <c>_drift_window_rows</c>.
/// </summary>
internal sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "ReproBuild.Serving";

    private readonly Meter _meter;
    private readonly ModelCatalog _catalog;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;

    public ServingMetrics(IMeterFactory meters, ModelCatalog catalog)
    {
        _meter = meters.Create(MeterName);
        _catalog = catalog;
        _requests = _meter.CreateCounter<long>("requests", "{request}", "Requests answered, by model, endpoint and status code.");
        _errors = _meter.CreateCounter<long>("errors", "{request}", "Requests answered with a 4xx or 5xx status, by model, endpoint and status code.");
        _rows = _meter.CreateCounter<long>("rows", "{row}", "Rows scored, by model.");
        _duration = _meter.CreateHistogram<double>("request.duration", "ms", "Time from the request reaching the endpoint to the answer written, by model and endpoint.");
        _meter.CreateObservableGauge("drift.score", () => Drift((report, tags) => report.Columns
            .Where(c => c.Method is not null && double.IsFinite(c.Score))
            .Select(c => new Measurement<double>(c.Score, [.. tags, new("column", c.Column), new("method", c.Method!.Value.Name()), new("statistic", c.Method.Value.IsPValue() ? "p-value" : "distance")]))),
            description: "Each input column's drift statistic over the recent inputs against the training data, by model, column and method: a p-value (ks, chisquare; drift when low) or a distance (drift when high).");
        _meter.CreateObservableGauge("drift.share", () => Drift((report, tags) => [new Measurement<double>(report.DriftShare, tags)]),
            description: "The share of compared input columns that drifted over the recent inputs, by model.");
        _meter.CreateObservableGauge("drift.dataset", () => Drift((report, tags) => [new Measurement<double>(report.DatasetDrift ? 1 : 0, tags)]),
            description: "1 when the recent inputs drifted as a dataset (at least half the compared columns did), 0 when not, by model.");
        _meter.CreateObservableGauge("drift.window.rows", () => Drift((report, tags) => [new Measurement<double>(report.CurrentRows, tags)]),
            unit: "{row}", description: "The recent input rows the drift gauges compare, by model.");
    }

    // A model whose window is still empty has no drift to report: no series rather than a made-up value.
    private Measurement<double>[] Drift(Func<DriftReport, KeyValuePair<string, object?>[], IEnumerable<Measurement<double>>> measure)
    {
        if (!_catalog.IsLoaded)
        {
            return [];
        }
        return _catalog.Models.Values
            .Where(m => m.Drift is not null)
            .Select(m => (m.Name, Report: m.Drift!.Current()))
            .Where(m => m.Report is not null)
            .SelectMany(m => measure(m.Report!, [new("model", m.Name)]))
            .ToArray();
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
