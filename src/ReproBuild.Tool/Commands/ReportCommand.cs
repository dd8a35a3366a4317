using System.CommandLine;
using System.Globalization;
using ReproBuild.Runtime.Drift;
using ReproBuild.Tool.Drift;
using ReproBuild.Tool.Locks;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Report;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild report</c>: one self-contained HTML file with each model's experiment history, evaluation plots
/// and feature importance, each dataset's profile, and (with <c>--drift</c>) current data against a model's training data.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var file = new Option<string>("--output", "-o")
        {
            Description = "The HTML file to write.",
            HelpName = "FILE",
            DefaultValueFactory = _ => "reprobuild-report.html",
        };
        var drift = new Option<string[]>("--drift")
        {
            Description = "Add a drift section: MODEL=FILE compares the data file with the data the model was trained on (Evidently's defaults), with both histograms per column. Repeat for several.",
            HelpName = "MODEL=FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("report", "Write an HTML report that opens without a network connection: metric history across runs, ROC, precision-recall and confusion matrix (classification) or predicted-vs-actual and residuals (regression), feature importance, each dataset's profile, and with --drift current data against the training data. Reads what the last build left in obj/; it builds nothing.")
        {
            project, configuration, framework, file, drift,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var status = loaded.Status(output);
            var history = RunHistory.Load(loaded.RunsDirectory);
            foreach (var warning in history.Skipped)
            {
                output.Warning(warning);
            }
            var locked = File.Exists(loaded.LockFile) ? LockDocument.Read(loaded.LockFile) : null;
            var driftReports = (result.GetValue(drift) ?? []).Select(pair => CompareDrift(pair, status, output)).ToArray();
            var data = ReportData.Build(loaded.Name, status, history, locked, driftReports);
            var subtitle = $"{Path.GetFileName(loaded.ProjectFile)} · {history.Runs.Count} runs · written {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by reprobuild {ToolVersion.Current}";
            var path = Path.GetFullPath(result.GetValue(file)!);
            AtomicFile.WriteAllText(path, ReportPage.Render(data, $"ReproBuild report: {loaded.Name}", subtitle));
            var missing = status.Where(e => e.Kind == StatusItem.Model && (e.Get("EvaluationFile") is not { } f || !File.Exists(f))).Select(e => e.Name).ToArray();
            if (missing.Length > 0)
            {
                output.Warning($"no evaluation data for {string.Join(", ", missing)} in obj/; build the project ('dotnet build') and run the report again to get their plots.");
            }
            output.Note($"Wrote {path} ({status.Count(e => e.Kind == StatusItem.Model)} models, {status.Count(e => e.Kind == StatusItem.Dataset)} datasets, {history.Runs.Count} runs{(driftReports.Length == 0 ? "" : $", {driftReports.Length} drift comparisons")}).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static DriftReport CompareDrift(string pair, IReadOnlyList<StatusItem> status, ConsoleOutput output)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == pair.Length - 1)
        {
            throw new ToolError($"--drift '{pair}' is not MODEL=FILE: name the model, '=', and the current data file (for example --drift Cancer=data/last-week.csv).");
        }
        var model = pair[..equals].Trim();
        return DriftComparison.Compare(DriftComparison.FromBuild(status, model, output), pair[(equals + 1)..].Trim(), new DriftOptions());
    }
}
