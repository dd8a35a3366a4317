using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Starts the ReproBuild engine in its own process (Microsoft.ML never loads into MSBuild or the IDE), hands it
/// a request file, and turns the canonical diagnostics it prints into MSBuild errors with file, line and column.
/// The engine cannot outlive the build (<see cref="EngineProcess"/>); cancelling the build (Ctrl+C, the IDE's Cancel)
/// kills it; its outputs only appear by an atomic move at the end, so a stopped run leaves nothing that looks valid.
/// </summary>
public abstract class EngineTask : ReproBuildTask
{
    /// <summary>ReproBuild.Engine.dll, run with the dotnet host that runs this build.</summary>
    [Required]
    public string EngineAssembly { get; set; } = "";

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The engine command: <c>inspect</c> or <c>train</c>.</summary>
    protected abstract string Command { get; }

    internal IntermediateLayout Layout => new(IntermediateDirectory);

    /// <summary>Builds the request the engine reads; returns null when there is nothing to do.</summary>
    private protected abstract object? CreateRequest();

    private protected override bool Run()
    {
        if (!File.Exists(EngineAssembly))
        {
            Log.LogError(null, ErrorCodes.EngineNotFound, null, ProjectFile, 0, 0, 0, 0, $"The ReproBuild engine is missing at '{EngineAssembly}'; restore the ReproBuild package again.");
            return false;
        }
        if (CreateRequest() is not { } request)
        {
            return true;
        }
        var requestFile = Layout.RequestFile(Command);
        AtomicFile.WriteAllText(requestFile, ReproJson.Serialize(request));

        // OpenMP (LightGbm) spins its threads by default, which stalls a busy build machine; one
        // thread per trainer keeps results identical everywhere.
        var environment = new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = "1",
            ["OMP_WAIT_POLICY"] = "PASSIVE",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        // Engine output is a few progress lines and diagnostics: shown at normal verbosity, errors parsed as MSBuild's.
        var started = false;
        var exitCode = EngineProcess.Run(
            DotNetHost.Path, ["exec", EngineAssembly, Command, "--request", requestFile, "--exit-with-stdin"], environment,
            line =>
            {
                if (line == EngineHandshake.StartedLine)
                {
                    started = true;
                    return;
                }
                Log.LogMessageFromText(line, MessageImportance.High);
            },
            Cancellation);
        if (exitCode is null)
        {
            Log.LogWarning(null, null, null, ProjectFile, 0, 0, 0, 0, "ReproBuild: the build was cancelled; the engine was stopped.");
            return false;
        }
        if (exitCode != 0 && !Log.HasLoggedErrors)
        {
            Log.LogError(null, ErrorCodes.EngineExited, null, ProjectFile, 0, 0, 0, 0, WhyTheEngineStopped(exitCode.Value, started));
        }
        return exitCode == 0 && !Log.HasLoggedErrors;
    }

    /// <param name="started">Whether the engine said it runs: before that, a code above 128 is the dotnet host's, not a signal.</param>
    private string WhyTheEngineStopped(int exitCode, bool started)
    {
        var log = File.Exists(Layout.EngineLogFile) ? $" Details may be in '{Layout.EngineLogFile}'." : "";
        return started && EngineProcess.Signal(exitCode) is { } signal
            ? $"The ReproBuild engine was stopped by signal {signal}{(signal == 9 ? " (SIGKILL: killed from outside, or by the out-of-memory killer)" : "")} before it finished; nothing it was making was kept. Build again.{log}"
            : $"The ReproBuild engine stopped with exit code {exitCode} without reporting why; it may have crashed. Its output is in the build log above.{log}";
    }
}
