using System.CommandLine;
using ReproBuild.Tool.Diff;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Commands;

/// <summary><c>reprobuild diff</c>: parameters and metrics of two experiments side by side, with absolute and relative change.</summary>
internal static class DiffCommand
{
    public static Command Create(CommonOptions common)
    {
        var old = new Argument<string?>("OLD")
        {
            Description = "A run (Model~N from 'reprobuild runs', or a run id) or a git revision (its lock file). Without it: the lock file at HEAD.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var current = new Argument<string?>("NEW")
        {
            Description = "Like OLD. Without it: the model's latest run when OLD is a run, else the lock file in the working copy.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var project = new Option<string?>("--project", "-p")
        {
            Description = "The project file, or a folder with one project file. Defaults to the current folder.",
            HelpName = "PROJECT",
        };
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var json = CommonOptions.JsonOption("the comparison");
        var markdown = new Option<bool>("--md") { Description = "Print the comparison as Markdown tables, for a pull-request comment." };
        var command = new Command("diff", "Compare parameters and metrics of two experiments: two runs, two git revisions of the lock file, or by default the committed lock file (HEAD) and the working copy.")
        {
            old, current, project, configuration, framework, json, markdown,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            if (result.GetValue(json) && result.GetValue(markdown))
            {
                throw new ToolError("--json and --md each choose the output format; give one of them.");
            }
            using var loaded = ReproBuildProject.Load(new ProjectOptions(result.GetValue(project), result.GetValue(configuration), result.GetValue(framework)), output);
            var history = RunHistory.Load(loaded.RunsDirectory);
            var (before, after) = DiffSides.Resolve(result.GetValue(old), result.GetValue(current), loaded, history);
            var comparison = Comparison.Of(before, after);
            var text = result.GetValue(json) ? DiffRenderer.Json(comparison)
                : result.GetValue(markdown) ? DiffRenderer.Markdown(comparison)
                : DiffRenderer.Text(comparison);
            output.Result(text.TrimEnd());
            return ExitCodes.Success;
        }));
        return command;
    }
}
