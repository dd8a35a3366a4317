using System.CommandLine;
using ReproBuild.Tool.Diff;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Runs;
using ReproBuild.Tool.Summary;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild summary</c>: a Markdown summary for a CI job — appended to <c>$GITHUB_STEP_SUMMARY</c> when GitHub
/// Actions sets it (as GitHub expects: several steps may add to one page), written to <c>--output</c>, or printed.
/// </summary>
internal static class SummaryCommand
{
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var baseRevision = new Option<string?>("--base")
        {
            Description = "The git revision whose lock file the metrics are compared with, e.g. origin/main. Default: HEAD.",
            HelpName = "REV",
        };
        var trx = new Option<string[]>("--trx")
        {
            Description = "TRX files of the test run with the metric gates (dotnet test --logger trx): --trx TestResults/*.trx.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "PATH",
        };
        var outputFile = new Option<string?>("--output", "-o")
        {
            Description = $"Write the summary to this file (replacing it). Default: append to ${StepSummaryVariable} when it is set, else print it.",
            HelpName = "FILE",
        };
        var command = new Command("summary", "Write a Markdown job summary for CI: what the last build trained, restored or skipped, the gates, and metric changes against the base branch's lock file.")
        {
            project, configuration, framework, baseRevision, trx, outputFile,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var lastBuildFile = Path.Combine(loaded.IntermediateDirectory, LastBuild.FileName);
            var lastBuild = File.Exists(lastBuildFile) ? ReproJson.Read<LastBuild>(lastBuildFile) : null;
            var gates = (result.GetValue(trx) ?? []).Select(TestResults.Read).ToList();
            Comparison? comparison = null;
            string? notCompared = null;
            try
            {
                var (before, after) = DiffSides.Resolve(result.GetValue(baseRevision), null, loaded, RunHistory.Load(loaded.RunsDirectory));
                comparison = Comparison.Of(before, after);
            }
            catch (ToolError e)
            {
                // A summary still reports the build and the gates when there is nothing to compare with (a first commit, a shallow clone).
                notCompared = e.Message;
            }
            var markdown = JobSummary.Render(loaded.Name, lastBuild, gates, comparison, notCompared, result.GetValue(baseRevision));
            if (result.GetValue(outputFile) is { } file)
            {
                AtomicFile.WriteAllText(Path.GetFullPath(file), markdown);
                output.Note($"Wrote the summary to {file}");
            }
            else if (Environment.GetEnvironmentVariable(StepSummaryVariable) is { Length: > 0 } stepSummary)
            {
                File.AppendAllText(stepSummary, markdown);
                output.Note($"Added the summary to ${StepSummaryVariable}");
            }
            else
            {
                output.Result(markdown.TrimEnd());
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
