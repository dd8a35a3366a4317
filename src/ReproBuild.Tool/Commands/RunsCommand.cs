using System.CommandLine;
using System.Globalization;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Rendering;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Commands;

/// <summary><c>reprobuild runs</c>: the experiment history from the run records, one table per model, then one per pipeline stage, oldest first.</summary>
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
            Description = "Show only this model's runs; repeat for several. With --stage, both are shown.",
            HelpName = "MODEL",
            AllowMultipleArgumentsPerToken = false,
        };
        var stages = new Option<string[]>("--stage", "-s")
        {
            Description = "Show only this pipeline stage's runs; repeat for several. With --model, both are shown; with neither, every model and stage.",
            HelpName = "STAGE",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("runs", "List the runs recorded in the project's runs folder (.reprobuild/runs/): per model its trainings (time, trainer, parameters, metrics, model digest, duration, git commit), then per pipeline stage its runs (time, parameters, seed, code, input and output digests, duration, git commit). Model~N names a model's N-th latest run for 'reprobuild diff'.")
        {
            project, configuration, framework, models, stages, json,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var history = RunHistory.Load(loaded.RunsDirectory);
            var skipped = new List<string>();
            var stageHistory = StageRun.Load(loaded.RunsDirectory, skipped);
            foreach (var warning in history.Skipped.Concat(skipped))
            {
                output.Warning(warning);
            }
            var wantedModels = result.GetValue(models) ?? [];
            var wantedStages = result.GetValue(stages) ?? [];
            Known(wantedModels, history.Runs.Select(r => r.Model), "models", history.Directory);
            Known(wantedStages, stageHistory.Select(r => r.Stage), "stages", Path.Combine(history.Directory, StageRun.Folder));
            var all = wantedModels.Length == 0 && wantedStages.Length == 0;
            var runs = all || wantedModels.Length > 0 ? history.ForModels(wantedModels).ToArray() : [];
            var stageRuns = all || wantedStages.Length > 0
                ? stageHistory.Where(r => wantedStages.Length == 0 || wantedStages.Contains(r.Stage, StringComparer.OrdinalIgnoreCase)).ToArray()
                : [];
            if (result.GetValue(json))
            {
                // One array, as before stages existed: a model's run has "model", a stage's run has "stage".
                output.Result(ReproJson.Serialize(runs.Cast<object>().Concat(stageRuns)).TrimEnd());
                return ExitCodes.Success;
            }
            if (runs.Length == 0 && stageRuns.Length == 0)
            {
                output.Note($"No runs recorded in {history.Directory} yet: each 'dotnet build' that trains a model or runs a stage adds one.");
                return ExitCodes.Success;
            }
            output.Result((Render(runs) + RenderStages(stageRuns)).TrimEnd());
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A name given with --model or --stage must have runs, unless nothing has run yet.</summary>
    private static void Known(IReadOnlyList<string> wanted, IEnumerable<string> withRuns, string what, string directory)
    {
        var names = withRuns.Distinct().Order(StringComparer.Ordinal).ToArray();
        var unknown = wanted.Where(w => !names.Contains(w, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0 && names.Length > 0)
        {
            throw new ToolError($"No runs of {string.Join(", ", unknown)} in {directory}; {what} with runs: {string.Join(", ", names)}.");
        }
    }

    /// <summary>One table per stage, after the models: what it ran with and what it wrote, by digest prefix.</summary>
    internal static string RenderStages(IReadOnlyList<StageRun> runs)
    {
        var text = new System.Text.StringBuilder();
        foreach (var group in runs.GroupBy(r => r.Stage, StringComparer.Ordinal))
        {
            var latest = group.Last();
            var table = new TextTable(["Run", "Started (UTC)", "Parameters", "Seed", "Code", "Inputs", "Outputs", "Duration", "Commit"], new HashSet<int> { 3, 7 });
            foreach (var run in group)
            {
                table.Add(
                    run.Reference,
                    run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    run.Parameters is { Count: > 0 } parameters ? string.Join(" ", parameters.Select(p => $"{p.Key}={p.Value}")) : Numbers.Missing,
                    run.Seed.ToString(CultureInfo.InvariantCulture),
                    Numbers.Short(run.CodeDigest),
                    Files(run.Inputs),
                    Files(run.Outputs),
                    Numbers.Seconds(run.DurationSeconds),
                    Numbers.Short(run.GitCommit));
            }
            var program = latest.Kind == "project" ? $"project {latest.Program}" : $"command: {latest.Program}";
            text.Append(group.Key).Append(" (stage, ").Append(program).Append(")\n").Append(table.Render("  ")).Append('\n');
        }
        return text.ToString();
    }

    private static string Files(SortedDictionary<string, string>? files) =>
        files is { Count: > 0 } ? string.Join(" ", files.Select(f => $"{f.Key}@{Numbers.Short(f.Value)}")) : Numbers.Missing;

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
                    // A sweep's experiment (reprobuild sweep) is named beside the run it trained.
                    run.Experiment is null ? run.Reference : $"{run.Reference} ({run.Experiment})",
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
