using System.Diagnostics;
using System.Text.Json;

namespace ReproBuild.Tasks.Gates;

/// <summary>
/// The metrics a team agreed on: the model project's lock file as committed (git HEAD), not as the build just
/// rewrote it — otherwise a model that got worse would be compared with itself. Without git, or before the first
/// commit, the lock file in the working tree is the baseline, and the source says so.
/// </summary>
internal sealed class Baseline
{
    private readonly Dictionary<string, Dictionary<string, double?>> _metrics = new(StringComparer.Ordinal);

    private Baseline(string source) => Source = source;

    /// <summary>Where the numbers come from, for messages: "repro.lock.json at HEAD" or "repro.lock.json (working tree)".</summary>
    public string Source { get; }

    public static Baseline? Read(string lockFile)
    {
        var name = Path.GetFileName(lockFile);
        var committed = GitShowHead(lockFile);
        if (committed is not null)
        {
            return Parse(committed, $"{name} at HEAD");
        }
        return File.Exists(lockFile) ? Parse(File.ReadAllText(lockFile), $"{name} (working tree; not committed)") : null;
    }

    public double? Metric(string model, string metric) =>
        _metrics.TryGetValue(model, out var metrics) ? metrics.GetValueOrDefault(metric) : null;

    private static Baseline? Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var baseline = new Baseline(source);
            if (document.RootElement.TryGetProperty("models", out var models))
            {
                foreach (var model in models.EnumerateObject())
                {
                    var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
                    if (model.Value.TryGetProperty("metrics", out var values))
                    {
                        foreach (var metric in values.EnumerateObject())
                        {
                            metrics[metric.Name] = metric.Value.ValueKind == JsonValueKind.Number ? metric.Value.GetDouble() : null;
                        }
                    }
                    baseline._metrics[model.Name] = metrics;
                }
            }
            return baseline;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? GitShowHead(string lockFile)
    {
        try
        {
            var info = new ProcessStartInfo("git")
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(lockFile))!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("show");
            info.ArgumentList.Add($"HEAD:./{Path.GetFileName(lockFile)}");
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEndAsync();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
