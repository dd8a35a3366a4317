using System.Globalization;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Runs a stage's program once, into a staging folder, through the engine (which ties the program to the build:
/// killed with it, cancelled with it). What the program sees is documented in the README ("Pipeline stages"): the
/// project folder as working directory, and environment variables for its name, seed, parameters, inputs and the
/// staging paths of its outputs.
/// </summary>
internal sealed class StageRunner(string engineAssembly, IntermediateLayout layout, string projectDirectory, DeferredLog log)
{
    /// <summary>Lines of standard error quoted in the error when a program fails.</summary>
    private const int ErrorTailLines = 20;

    /// <returns>True when the program exited 0 and wrote every declared output into <paramref name="staging"/>; null when cancelled.</returns>
    public bool? Run(StageItem stage, StageOutputs outputs, string staging, CancellationToken cancellation)
    {
        var work = layout.StageWorkDirectory(stage.Name);
        var request = new StageRunRequest(
            FileName: stage.Kind == StageItem.ProjectKind ? DotNetHost.Path : Shell,
            Arguments: stage.Kind == StageItem.ProjectKind ? ["exec", stage.ProgramAssembly!] : [.. ShellArguments, stage.Program],
            WorkingDirectory: projectDirectory,
            Environment: Environment(stage, outputs, staging),
            StandardErrorFile: Path.Combine(work, "stderr.txt"),
            ResultFile: Path.Combine(work, "result.json"),
            LogFile: layout.EngineLogFile);
        Directory.CreateDirectory(work);
        if (File.Exists(request.ResultFile))
        {
            File.Delete(request.ResultFile);
        }
        var requestFile = Path.Combine(work, "request.json");
        AtomicFile.WriteAllText(requestFile, ReproJson.Serialize(request));

        var exit = EngineProcess.Run(
            DotNetHost.Path, ["exec", engineAssembly, "stage", "--request", requestFile, "--exit-with-stdin"],
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            line => log.Message($"{stage.Name}: {line}"),
            cancellation);
        if (exit is null)
        {
            return null;
        }

        var result = File.Exists(request.ResultFile) ? ReproJson.Read<StageRunResult>(request.ResultFile) : null;
        if (result?.StartError is { } startError)
        {
            log.ErrorAt(stage, ErrorCodes.StageFailed, $"Stage '{stage.Name}' could not start: {startError}");
            return false;
        }
        if (result is null || result.ExitCode != 0)
        {
            var how = result is null
                ? $"was stopped before its program finished (the ReproBuild engine exited with code {exit})"
                : EngineProcess.Signal(result.ExitCode) is { } signal
                    ? $"was stopped by signal {signal}{(signal == 9 ? " (SIGKILL: killed from outside, or by the out-of-memory killer)" : "")}"
                    : $"exited with code {result.ExitCode}";
            log.ErrorAt(stage, ErrorCodes.StageFailed, $"Stage '{stage.Name}' failed: {Describe(stage)} {how}; none of its outputs were kept.{Tail(request.StandardErrorFile)}");
            return false;
        }

        var missing = stage.Outputs.Where(o => !File.Exists(outputs.StagedPath(staging, o))).ToList();
        if (missing.Count > 0)
        {
            var inPlace = missing.Where(File.Exists).ToList();
            foreach (var file in inPlace)
            {
                File.Delete(file); // written by a program that ignored REPROBUILD_OUTPUT_DIR: not trusted
            }
            var hint = inPlace.Count > 0
                ? $" It wrote {string.Join(", ", inPlace.Select(f => $"'{ProjectPaths.Relative(projectDirectory, f)}'"))} in place instead, which is not kept: a stage writes its outputs under $REPROBUILD_OUTPUT_DIR (or at the paths in $REPROBUILD_OUTPUTS) so that a failed run leaves nothing behind."
                : "";
            log.ErrorAt(stage, ErrorCodes.StageOutputNotWritten,
                $"Stage '{stage.Name}' exited 0 but did not write {string.Join(", ", missing.Select(f => $"'{ProjectPaths.Relative(projectDirectory, f)}'"))}; none of its outputs were kept.{hint}");
            return false;
        }
        return true;
    }

    private static string Shell => OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh";

    private static string[] ShellArguments => OperatingSystem.IsWindows() ? ["/d", "/s", "/c"] : ["-c"];

    private static string Describe(StageItem stage) =>
        stage.Kind == StageItem.ProjectKind ? $"the program of '{stage.Program}'" : $"'{stage.Program}'";

    /// <summary>The environment a stage's program is given (README, "Pipeline stages", lists it).</summary>
    private SortedDictionary<string, string> Environment(StageItem stage, StageOutputs outputs, string staging)
    {
        var separator = Path.PathSeparator.ToString();
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["REPROBUILD_STAGE"] = stage.Name,
            ["REPROBUILD_SEED"] = stage.Seed.ToString(CultureInfo.InvariantCulture),
            ["REPROBUILD_PARAMETERS"] = string.Join(";", stage.Parameters.Select(p => $"{p.Key}={p.Value}")),
            ["REPROBUILD_INPUTS"] = string.Join(separator, stage.Inputs),
            ["REPROBUILD_OUTPUTS"] = string.Join(separator, stage.Outputs.Select(o => outputs.StagedPath(staging, o))),
            ["REPROBUILD_OUTPUT_DIR"] = staging,
            ["REPROBUILD_PROJECT_DIR"] = projectDirectory,
        };
        foreach (var (name, value) in stage.Parameters)
        {
            environment[$"REPROBUILD_PARAMETER_{name}"] = value;
        }
        return environment;
    }

    private static string Tail(string standardErrorFile)
    {
        if (!File.Exists(standardErrorFile))
        {
            return "";
        }
        var lines = File.ReadAllLines(standardErrorFile).Where(l => l.Trim().Length > 0).TakeLast(ErrorTailLines).ToList();
        return lines.Count == 0 ? " It wrote nothing to standard error." : $" The end of its standard error:\n{string.Join("\n", lines)}";
    }
}
