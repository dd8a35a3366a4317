using System.CommandLine;
using ReproBuild.Tool.Commands;

namespace ReproBuild.Tool;

/// <summary>
/// The <c>reprobuild</c> command line, on System.CommandLine — the parser the .NET CLI itself uses — so help,
/// option syntax (<c>-v diag</c>, <c>--verbosity=quiet</c>), suggestions for typos and errors for bad arguments
/// behave exactly as in <c>dotnet</c>.
/// </summary>
internal static class ToolCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Create().Parse(args);
        var code = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        // System.CommandLine answers a parse error with 1, which means "drift" or "stale" here: bad arguments are errors.
        return parsed.Errors.Count > 0 ? ExitCodes.Error : code;
    }

    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var root = new RootCommand("reprobuild: what a ReproBuild build would redo and why, the experiment history, diffs between experiments, model verification, data drift, an HTML report, the pipeline as a graph and hyperparameter sweeps.");
        root.Options.Add(common.Verbosity);
        root.Subcommands.Add(StatusCommand.Create(common));
        root.Subcommands.Add(RunsCommand.Create(common));
        root.Subcommands.Add(DiffCommand.Create(common));
        root.Subcommands.Add(VerifyCommand.Create(common));
        root.Subcommands.Add(ReportCommand.Create(common));
        root.Subcommands.Add(DagCommand.Create(common));
        root.Subcommands.Add(DriftCommand.Create(common));
        root.Subcommands.Add(SummaryCommand.Create(common));
        root.Subcommands.Add(SweepCommand.Create(common));
        return root;
    }
}
