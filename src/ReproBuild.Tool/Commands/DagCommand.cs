using System.CommandLine;
using ReproBuild.Tool.Dag;
using ReproBuild.Tool.Projects;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild dag</c>: the pipeline as a graph — raw files, stages, the files they write, datasets, models and the
/// metric gates on them — as text, Mermaid or JSON. It reads items through the project's <c>ReproBuildGetPipeline</c>
/// target, so it works on a project that was never built.
/// </summary>
internal static class DagCommand
{
    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var json = CommonOptions.JsonOption("the graph's nodes and edges");
        var mermaid = new Option<bool>("--mermaid") { Description = "Print a Mermaid flowchart in a ```mermaid block, which GitHub renders in a README, issue or pull request." };
        var tests = new Option<string[]>("--tests", "-t")
        {
            Description = "A test project (or its folder) whose MetricGate items to include; repeat for several. Gates live in test projects that reference this one, which the tool does not search for.",
            HelpName = "PROJECT",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("dag", "Print the pipeline — raw files, stages, their outputs, datasets, models and metric gates — as text, as a Mermaid flowchart (--mermaid) or as JSON. Reads the project's items; nothing is built.")
        {
            project, configuration, framework, tests, mermaid, json,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            if (result.GetValue(mermaid) && result.GetValue(json))
            {
                throw new ToolError("Choose one of --mermaid and --json.");
            }
            var options = CommonOptions.Project(result, project, configuration, framework);
            using var loaded = ReproBuildProject.Load(options, output);
            var pipeline = loaded.Pipeline(output);
            var gates = new List<(string, TargetItem)>();
            foreach (var testProject in result.GetValue(tests) ?? [])
            {
                var found = loaded.GatesIn(testProject, options, output);
                gates.AddRange(found.Select(g => (Path.GetFileNameWithoutExtension(ProjectLocator.Find(testProject)), g)));
            }
            var graph = PipelineGraph.From(Path.GetFileName(loaded.ProjectFile), pipeline, gates);
            output.Result((result.GetValue(mermaid) ? DagRenderer.Mermaid(graph) : result.GetValue(json) ? DagRenderer.Json(graph) : DagRenderer.Text(graph)).TrimEnd());
            return ExitCodes.Success;
        }));
        return command;
    }
}
