using System.CommandLine;
using ReproBuild.Runtime.Drift;
using ReproBuild.Tool.Drift;
using ReproBuild.Tool.Projects;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild drift [PROJECT] MODEL FILE</c> (or <c>--assembly PATH MODEL FILE</c>): a data file compared with
/// the model's training reference, column by column; exit code 1 when the dataset drifted.
/// </summary>
internal static class DriftCommand
{
    public static Command Create(CommonOptions common)
    {
        // [PROJECT] MODEL FILE: an optional argument before two required ones is told apart by the count.
        var arguments = new Argument<string[]>("[PROJECT] MODEL FILE")
        {
            Description = "The project (a project file or its folder; default: the current folder), the model's name, and the current data: a delimited file with a header (a tab for .tsv).",
            Arity = new ArgumentArity(2, 3),
        };
        var assembly = new Option<string?>("--assembly", "-a")
        {
            Description = "Read the model's reference from a built assembly (bin/…/MyModels.dll) instead of the project's last build; then give MODEL FILE only.",
            HelpName = "PATH",
        };
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var settings = new DriftSettings();
        var json = CommonOptions.JsonOption("the report (every column's statistic and both histograms)");
        var markdown = new Option<bool>("--md") { Description = "Print a Markdown table, for a pull request or a CI job summary." };
        var command = new Command("drift", "Compare a data file with the data a model was trained on (the drift reference its build stamped), column by column, with Evidently's methods and defaults. Exit code 1 when the dataset drifted (at least --max-drift-share of the compared columns did), 0 when not.")
        {
            arguments, assembly, configuration, framework, json, markdown,
        };
        foreach (var option in settings.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(result => common.Invoke(result, output =>
        {
            if (result.GetValue(json) && result.GetValue(markdown))
            {
                throw new ToolError("--json and --md each choose the output format; give one of them.");
            }
            var values = result.GetValue(arguments)!;
            if (values.Length == 3 && result.GetValue(assembly) is not null)
            {
                throw new ToolError("With --assembly, give MODEL FILE only: the assembly takes the project's place.");
            }
            var (projectPath, model, file) = values.Length == 3 ? (values[0], values[1], values[2]) : (null, values[0], values[1]);
            var options = settings.Read(result);
            DriftReference reference;
            if (result.GetValue(assembly) is { } assemblyPath)
            {
                reference = DriftComparison.FromAssembly(assemblyPath, model);
            }
            else
            {
                using var loaded = ReproBuildProject.Load(new ProjectOptions(projectPath, result.GetValue(configuration), result.GetValue(framework)), output);
                reference = DriftComparison.FromBuild(loaded.Status(output), model, output);
            }
            var report = DriftComparison.Compare(reference, file, options);
            if (result.GetValue(json))
            {
                output.Result(DriftReportJson.Serialize(report, indented: true));
            }
            else if (result.GetValue(markdown))
            {
                output.Result(DriftRenderer.Markdown(report).TrimEnd());
            }
            else
            {
                output.Result(DriftRenderer.Text(report, output).TrimEnd());
            }
            return report.DatasetDrift ? ExitCodes.CheckFailed : ExitCodes.Success;
        }));
        return command;
    }
}
