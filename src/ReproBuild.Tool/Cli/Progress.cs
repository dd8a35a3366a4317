using System.Diagnostics;

namespace ReproBuild.Tool;

/// <summary>
/// Progress for a step that can take a few seconds (evaluating a project with MSBuild, running a target): on a
/// terminal a spinner with the elapsed time on standard error, erased when the step ends; elsewhere nothing, except
/// a timing line at detailed verbosity — a redirected log should not fill up with carriage returns.
/// </summary>
internal sealed class Progress : IDisposable
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];
    private readonly ConsoleOutput _output;
    private readonly string _activity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private int _frame;
    private bool _done;

    public Progress(ConsoleOutput output, string activity)
    {
        _output = output;
        _activity = activity;
        if (output.Interactive && output.Verbosity > Verbosity.Quiet)
        {
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(125));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _done = true;
            _timer?.Dispose();
            if (_frame > 0)
            {
                _output.Err.Write("\r\u001b[2K");
            }
        }
        _output.Detail($"{_activity}: {_clock.Elapsed.TotalSeconds:0.00} s");
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }
            _output.Err.Write($"\r{Frames[_frame++ % Frames.Length]} {_activity} ({_clock.Elapsed.TotalSeconds:0} s)");
        }
    }
}
