using System.CommandLine;
using System.Globalization;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Sweeps;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild sweep</c>: expands a grid of parameter values and seeds over models into experiments, builds each as
/// its own experiment build (<c>ReproBuildTrain</c> with <c>ReproBuildExperiment</c>: restored from the shared cache
/// when it can be, trained otherwise, never touching the lock file or the project's models) and prints a leaderboard.
/// <c>--shard</c> builds one share, <c>--collect</c> only reads the cache, <c>--apply</c> writes the winner into the project.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var json = CommonOptions.JsonOption("the leaderboard");
        var markdown = new Option<bool>("--md") { Description = "Print the leaderboard as GitHub Markdown, for a CI job summary." };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Sweep this model; repeat for several. Default: every model of the project.",
            HelpName = "MODEL",
        };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "A trainer parameter and the values to try: -p NumberOfTrees=50,100,200. Repeat per parameter; every combination is an experiment.",
            HelpName = "NAME=A,B,C",
        };
        var seeds = new Option<string?>("--seeds")
        {
            Description = "The seeds to try, e.g. 1,2,3: each combination once per seed. Default: each model's own Seed.",
            HelpName = "SEEDS",
        };
        var metric = new Option<string?>("--metric")
        {
            Description = "The metric to rank by (higher is better, except errors and losses). Default: the task's headline metric.",
            HelpName = "METRIC",
        };
        var top = new Option<int?>("--top") { Description = "Show only the best N experiments.", HelpName = "N" };
        var shard = new Option<string?>("--shard")
        {
            Description = "Build only this share of the experiments, INDEX/COUNT from 0/COUNT (a CI matrix job); the others are left to the other shards.",
            HelpName = "INDEX/COUNT",
        };
        var collect = new Option<bool>("--collect") { Description = "Train nothing: read every experiment's model and metrics from the caches (local and ReproBuildRemote). Exit code 1 when one is in no cache." };
        var apply = new Option<bool>("--apply") { Description = "Write the winner's Parameters (and Seed, with --seeds) into the project file's Model element." };
        var command = new Command("sweep", "Run a hyperparameter sweep: every combination of -p values and --seeds over the models, each built without touching the lock file or the project's models, restored from the cache when it was built before; then a leaderboard by --metric. Exit code 1 when --collect finds an experiment in no cache.")
        {
            project, configuration, framework, models, parameters, seeds, metric, top, shard, collect, apply, json, markdown,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            if (result.GetValue(json) && result.GetValue(markdown))
            {
                throw new ToolError("Choose one of --json and --md.");
            }
            if (result.GetValue(top) is < 1)
            {
                throw new ToolError($"--top {result.GetValue(top)}: show at least one experiment.");
            }
            var shardText = result.GetValue(shard);
            Shard? share = null;
            if (shardText is not null && (share = Shard.Parse(shardText, out var problem, "--shard")) is null)
            {
                throw new ToolError(problem!);
            }
            if (share is not null && result.GetValue(apply))
            {
                throw new ToolError("--apply needs every experiment's result, not one shard's: run 'reprobuild sweep … --collect --apply' after the shards.");
            }
            var grid = SweepGrid.Parse(result.GetValue(parameters) ?? [], result.GetValue(seeds));

            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var declared = loaded.Models();
            var chosen = Chosen(result.GetValue(models) ?? [], declared, loaded.ProjectFile);
            var rankBy = Leaderboard.ChooseMetric(result.GetValue(metric), [.. chosen.Select(TaskOf)]);
            var experiments = grid.Expand(chosen.Select(m => m.Name));
            if (share is not null)
            {
                var owners = share.Deal(experiments.Select(e => Shard.Key("Experiment", e.Id)));
                experiments = [.. experiments.Where(e => owners[Shard.Key("Experiment", e.Id)] == share.Index)];
            }
            // With --json or --md standard output is the document alone; progress goes to standard error.
            var quietOut = result.GetValue(json) || result.GetValue(markdown);
            void Progress(string line)
            {
                if (output.Verbosity >= Verbosity.Minimal)
                {
                    (quietOut ? output.Err : output.Out).WriteLine(line);
                }
            }
            Progress($"{loaded.Name}: {experiments.Count} experiment{(experiments.Count == 1 ? "" : "s")}{(share is null ? "" : $" (shard {share})")}{(result.GetValue(collect) ? ", from the cache only" : "")}.");

            var results = new List<ExperimentResult>();
            foreach (var (experiment, index) in experiments.Select((e, i) => (e, i + 1)))
            {
                var model = chosen.First(m => m.Name == experiment.Model);
                var modelParameters = experiment.ParametersFor(model.Get("Parameters"));
                var seed = experiment.Seed ?? ModelSeed(model);
                var folder = new ExperimentFolder(loaded.IntermediateDirectory, experiment);
                folder.Clear();
                var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["ReproBuildExperiment"] = experiment.Id,
                    ["ReproBuildExperimentModel"] = experiment.Model,
                    ["ReproBuildExperimentParameters"] = modelParameters,
                    ["ReproBuildExperimentSeed"] = seed.ToString(CultureInfo.InvariantCulture),
                    ["ReproBuildRestoreOnly"] = result.GetValue(collect) ? "true" : "false",
                };
                var errors = loaded.RunPipeline(properties, output, $"Building experiment {index}/{experiments.Count} {experiment.Id}");
                if (errors.Count > 0)
                {
                    throw new ToolError($"Experiment {experiment.Id} ({experiment.Model}: {experiment.Describe()}, seed {seed}) failed to build; fix these and run the sweep again:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
                }
                var built = folder.Read(seed, modelParameters);
                results.Add(built);
                Progress($"  [{index}/{experiments.Count}] {experiment.Id}  {experiment.Model}  {experiment.Describe()}  seed {seed}: {built.Outcome}");
            }

            var board = Leaderboard.Rank(results, rankBy, result.GetValue(top));
            if (result.GetValue(json))
            {
                output.Result(LeaderboardRenderer.Json(board).TrimEnd());
            }
            else if (result.GetValue(markdown))
            {
                output.Result(LeaderboardRenderer.Markdown(board, loaded.Name).TrimEnd());
            }
            else
            {
                output.Note("");
                output.Result(LeaderboardRenderer.Text(board).TrimEnd());
            }
            if (result.GetValue(apply))
            {
                var winner = board.Winner ?? throw new ToolError("No experiment has a value to rank by, so there is no winner to apply.");
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["Parameters"] = winner.Parameters };
                if (winner.Experiment.Seed is { } winnerSeed)
                {
                    metadata["Seed"] = winnerSeed.ToString(CultureInfo.InvariantCulture);
                }
                ProjectFileEditor.Apply(loaded.ProjectFile, winner.Experiment.Model, metadata);
                Progress($"Applied {winner.Experiment.Id} to {Path.GetFileName(loaded.ProjectFile)}: Model {winner.Experiment.Model} {string.Join(" ", metadata.Select(m => $"{m.Key}=\"{m.Value}\""))}. The next build restores it from the cache.");
            }
            return results.Any(r => r.Outcome == ExperimentResult.Missing) ? ExitCodes.CheckFailed : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The models named with -m (every model when none), each one the project declares.</summary>
    private static IReadOnlyList<TargetItem> Chosen(string[] wanted, IReadOnlyList<TargetItem> declared, string projectFile)
    {
        if (declared.Count == 0)
        {
            throw new ToolError($"{projectFile} declares no Model items; a sweep trains models.");
        }
        if (wanted.Length == 0)
        {
            return declared;
        }
        return [.. wanted.Distinct(StringComparer.OrdinalIgnoreCase).Select(name =>
            declared.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ToolError($"-m {name}: {Path.GetFileName(projectFile)} has no such model; its models: {string.Join(", ", declared.Select(m => m.Name))}."))];
    }

    /// <summary>The model's task as the build names it; an error the build would report too when it is not one.</summary>
    private static string TaskOf(TargetItem model) =>
        Catalog.NormalizeTask(model.Get("Task"))
            ?? throw new ToolError($"Model {model.Name} has Task '{model.Get("Task")}'; valid tasks: {string.Join(", ", Catalog.Tasks)}.");

    /// <summary>The model's own Seed (0 when it sets none, as the build reads it).</summary>
    private static int ModelSeed(TargetItem model) =>
        int.TryParse(model.Get("Seed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 0;
}
