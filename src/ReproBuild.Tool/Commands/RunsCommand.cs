using System.CommandLine;
using System.Globalization;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Rendering;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Commands;

/// <summary><c>reprobuild runs</c>: the experiment history from the run records, one table per model, oldest first.</summary>
internal static class RunsCommand
{
    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var json = CommonOptions.JsonOption("every field of every run");
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Show only this model's runs; repeat for several.",
            HelpName = "MODEL",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("runs", "List the training runs recorded in the project's runs folder (.reprobuild/runs/): time, trainer, parameters, metrics, model digest, duration and git commit. Model~N names a model's N-th latest run for 'reprobuild diff'.")
        {
            project, configuration, framework, models, json,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var history = RunHistory.Load(loaded.RunsDirectory);
            foreach (var warning in history.Skipped)
            {
                output.Warning(warning);
            }
            var wanted = result.GetValue(models) ?? [];
            var unknown = wanted.Where(m => !history.Runs.Any(r => string.Equals(r.Model, m, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (unknown.Length > 0 && history.Runs.Count > 0)
            {
                throw new ToolError($"No runs of {string.Join(", ", unknown)} in {history.Directory}; models with runs: {string.Join(", ", history.Runs.Select(r => r.Model).Distinct().Order(StringComparer.Ordinal))}.");
            }
            var runs = history.ForModels(wanted).ToArray();
            if (result.GetValue(json))
            {
                output.Result(ReproJson.Serialize(runs).TrimEnd());
                return ExitCodes.Success;
            }
            if (runs.Length == 0)
            {
                output.Note($"No runs recorded in {history.Directory} yet: each 'dotnet build' that trains a model adds one.");
                return ExitCodes.Success;
            }
            output.Result(Render(runs).TrimEnd());
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>One table per model: its task decides the metric columns.</summary>
    internal static string Render(IReadOnlyList<RunRecord> runs)
    {
        var text = new System.Text.StringBuilder();
        foreach (var group in runs.GroupBy(r => r.Model, StringComparer.Ordinal))
        {
            var task = group.Last().Task;
            var metrics = HeadlineMetrics.For(task);
            var headers = new List<string> { "Run", "Started (UTC)", "Trainer", "Parameters" };
            headers.AddRange(metrics);
            headers.AddRange(["Model", "Duration", "Commit"]);
            var numbers = Enumerable.Range(4, metrics.Count + 2).Where(i => i != 4 + metrics.Count).ToHashSet();
            var table = new TextTable(headers, numbers);
            foreach (var run in group)
            {
                var cells = new List<string>
                {
                    run.Reference,
                    run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    run.Trainer,
                    Parameters(run),
                };
                cells.AddRange(metrics.Select(m => Numbers.Value(run.Metrics?.GetValueOrDefault(m))));
                cells.AddRange([Numbers.Short(run.Sha256), Numbers.Seconds(run.DurationSeconds), Numbers.Short(run.GitCommit)]);
                table.Add([.. cells]);
            }
            text.Append(group.Key).Append(" (").Append(task).Append(")\n").Append(table.Render("  ")).Append('\n');
        }
        return text.ToString();
    }

    internal static string Parameters(RunRecord run) =>
        string.Join(" ", (run.Parameters ?? []).Select(p => $"{p.Key}={p.Value}").Append($"Seed={run.Seed.ToString(CultureInfo.InvariantCulture)}"));
}
