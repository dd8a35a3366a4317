using System.CommandLine;
using ReproBuild.Tool.Projects;

namespace ReproBuild.Tool;

/// <summary>
/// The options several commands share, named as the .NET CLI names them. Each command gets its own instances of
/// the project argument and options, so each command's help lists them.
/// </summary>
internal sealed class CommonOptions
{
    public Option<string> Verbosity { get; } = CreateVerbosity();

    public static Argument<string?> ProjectArgument() => new("PROJECT")
    {
        Description = "The project file, or a folder with one project file. Defaults to the current folder.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> ConfigurationOption() => new("--configuration", "-c")
    {
        Description = "The build configuration whose outputs to read (obj/<configuration>/). Defaults to Debug, as for dotnet build.",
        HelpName = "CONFIGURATION",
    };

    public static Option<string?> FrameworkOption() => new("--framework", "-f")
    {
        Description = "The target framework, for a project that has several.",
        HelpName = "FRAMEWORK",
    };

    public static Option<bool> JsonOption(string what) => new("--json") { Description = $"Print {what} as JSON, for scripts." };

    /// <summary>Runs a command's work with the output it asked for; a <see cref="ToolError"/> becomes its message and exit code 2.</summary>
    public int Invoke(ParseResult result, Func<ConsoleOutput, int> action)
    {
        var output = ConsoleOutput.ForConsole(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, VerbosityNames.Parse(result.GetValue(Verbosity)));
        try
        {
            return action(output);
        }
        catch (ToolError e)
        {
            output.Error(e.Message);
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error($"{e.Message} Check that the file is there and readable, then run the command again.");
            return ExitCodes.Error;
        }
    }

    public static ProjectOptions Project(ParseResult result, Argument<string?> project, Option<string?> configuration, Option<string?> framework) =>
        new(result.GetValue(project), result.GetValue(configuration), result.GetValue(framework));

    private static Option<string> CreateVerbosity()
    {
        var option = new Option<string>("--verbosity", "-v")
        {
            Description = "How much to print: q[uiet], m[inimal], n[ormal], d[etailed], diag[nostic].",
            HelpName = "LEVEL",
            DefaultValueFactory = _ => "normal",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong(VerbosityNames.All);
        return option;
    }
}
