using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// A served model's drift: its window of recent inputs compared with the training reference stamped beside it
/// (Evidently's defaults). The report is computed when asked for and kept until the window takes another batch, so
/// the endpoint and every metrics scrape in between share one computation.
/// </summary>
internal sealed class ModelDrift(DriftWindow window)
{
    private readonly Lock _gate = new();
    private (long Version, DriftReport? Report) _last = (-1, null);

    public DriftWindow Window { get; } = window;

    /// <summary>The window against the reference; null while the window is empty.</summary>
    public DriftReport? Current()
    {
        lock (_gate)
        {
            var (rows, version) = Window.Snapshot();
            if (version != _last.Version)
            {
                _last = (version, rows.Count == 0 ? null : Window.Reference.Compare(Window.Columns, rows, source: "window"));
            }
            return _last.Report;
        }
    }
}
