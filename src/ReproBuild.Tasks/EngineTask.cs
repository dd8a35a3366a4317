using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>
/// Starts the ReproBuild engine in its own process (Microsoft.ML never loads into MSBuild or the IDE), hands it
/// a request file, and turns the canonical diagnostics it prints into MSBuild errors with file, line and column.
/// Cancelling the build (Ctrl+C, the IDE's Cancel) kills the engine; its outputs only appear by an atomic move
/// at the end, so a cancelled run leaves nothing that looks valid.
/// </summary>
public abstract class EngineTask : ToolTask
{
    private string _requestFile = "";

    /// <summary>ReproBuild.Engine.dll, run with the dotnet host that runs this build.</summary>
    [Required]
    public string EngineAssembly { get; set; } = "";

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The project file, where problems without a better location are reported.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>The engine command: <c>inspect</c> or <c>train</c>.</summary>
    protected abstract string Command { get; }

    protected override string ToolName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    // Engine output is a few progress lines and diagnostics; show them at normal verbosity.
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    internal IntermediateLayout Layout => new(IntermediateDirectory);

    /// <summary>Builds the request the engine reads; returns null when there is nothing to do.</summary>
    private protected abstract object? CreateRequest();

    public override bool Execute()
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
        _requestFile = Layout.RequestFile(Command);
        AtomicFile.WriteAllText(_requestFile, ReproJson.Serialize(request));

        // OpenMP (LightGbm) spins its threads by default, which stalls a busy build machine (FACTS.md); one
        // thread per trainer keeps results identical everywhere.
        EnvironmentVariables = [.. EnvironmentVariables ?? [], "OMP_NUM_THREADS=1", "OMP_WAIT_POLICY=PASSIVE", "DOTNET_CLI_TELEMETRY_OPTOUT=1"];
        return base.Execute() && !Log.HasLoggedErrors;
    }

    protected override string GenerateFullPathToTool()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, ToolName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return ToolName;
    }

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        builder.AppendFileNameIfNotNull(EngineAssembly);
        builder.AppendSwitch(Command);
        builder.AppendSwitch("--request");
        builder.AppendFileNameIfNotNull(_requestFile);
        return builder.ToString();
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, ErrorCodes.EngineExited, null, ProjectFile, 0, 0, 0, 0,
                $"The ReproBuild engine stopped with exit code {ExitCode} without reporting why; it may have crashed. Its output is in the build log above; details may be in '{Layout.EngineLogFile}'.");
        }
        return false;
    }
}
