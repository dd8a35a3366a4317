using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Hands the ReproBuild engine, a process of its own (Microsoft.ML never loads into MSBuild or the IDE), a request
/// file, and turns the canonical diagnostics it prints into MSBuild errors with file, line and column. The tasks of one
/// build share one engine process (<see cref="ServedEngine"/>). The engine cannot outlive the build
/// (<see cref="EngineProcess"/>); cancelling the build (Ctrl+C, the IDE's Cancel) kills it; its outputs only appear by an atomic move at the end, so a stopped run leaves nothing that looks valid.
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

    /// <summary>Whether a later task of this build will hand the engine a request: then it is kept running for that task.</summary>
    private protected virtual bool EngineNeededLater => false;

    private protected override bool Run()
    {
        if (!File.Exists(EngineAssembly))
        {
            Log.LogError(null, ErrorCodes.EngineNotFound, null, ProjectFile, 0, 0, 0, 0, $"The ReproBuild engine is missing at '{EngineAssembly}'; restore the ReproBuild package again.");
            return false;
        }
        try
        {
            if (CreateRequest() is not { } request)
            {
                return true;
            }
            var requestFile = Layout.RequestFile(Command);
            AtomicFile.WriteAllText(requestFile, ReproJson.Serialize(request));
            var (exitCode, started) = Ask(requestFile);
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
        finally
        {
            if (!EngineNeededLater || Log.HasLoggedErrors)
            {
                ServedEngine.Release(BuildEngine4, IntermediateDirectory, EngineAssembly);
            }
        }
    }

    /// <returns>The exit code the request had (null when the build was cancelled), and whether the engine had started.</returns>
    private (int? ExitCode, bool Started) Ask(string requestFile)
    {
        // Engine output is a few progress lines and diagnostics: shown at normal verbosity, errors parsed as MSBuild's.
        void Relay(string line) => Log.LogMessageFromText(line, MessageImportance.High);

        if (requestFile.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            // A request goes to a served engine as one line; this path cannot, so this request gets an engine of its own.
            using var alone = EngineProcess.Start(DotNetHost.Path, ["exec", EngineAssembly, Command, "--request", requestFile, ParentWatchSwitch], EngineEnvironment);
            return (alone.RunToEnd(Relay, Cancellation), alone.Started);
        }

        var engine = ServedEngine.Get(BuildEngine4, IntermediateDirectory, EngineAssembly, ProjectFile,
            arguments => EngineProcess.Start(DotNetHost.Path, ["exec", EngineAssembly, .. arguments, ParentWatchSwitch], EngineEnvironment), out var reused);
        Log.LogMessage(MessageImportance.Low, reused
            ? $"ReproBuild: the engine this build started earlier (process {engine.Id}) runs '{Command}'; no second engine process."
            : $"ReproBuild: started the engine (process {engine.Id}) for '{Command}'{(EngineNeededLater ? "; it stays for this build's training" : "")}.");
        var answer = engine.Ask(EngineHandshake.RequestLine(Command, requestFile), EngineHandshake.ParseDoneLine, Relay, Cancellation, out var cancelled);
        return (cancelled ? null : answer ?? engine.ExitCode, engine.Started);
    }

    private const string ParentWatchSwitch = "--exit-with-stdin";

    // OpenMP (LightGbm) spins its threads by default, which stalls a busy build machine; one
    // thread per trainer keeps results identical everywhere.
    private static readonly IReadOnlyDictionary<string, string> EngineEnvironment = new Dictionary<string, string>
    {
        ["OMP_NUM_THREADS"] = "1",
        ["OMP_WAIT_POLICY"] = "PASSIVE",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <param name="started">Whether the engine said it runs: before that, a code above 128 is the dotnet host's, not a signal.</param>
    private string WhyTheEngineStopped(int exitCode, bool started)
    {
        var log = File.Exists(Layout.EngineLogFile) ? $" Details may be in '{Layout.EngineLogFile}'." : "";
        return started && EngineProcess.Signal(exitCode) is { } signal
            ? $"The ReproBuild engine was stopped by signal {signal}{(signal == 9 ? " (SIGKILL: killed from outside, or by the out-of-memory killer)" : "")} before it finished; nothing it was making was kept. Build again.{log}"
            : $"The ReproBuild engine stopped with exit code {exitCode} without reporting why; it may have crashed. Its output is in the build log above.{log}";
    }
}
