using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Commands;

/// <summary>
/// Runs one engine command from its request file, alone in a process or as one of a build's requests to a served
/// engine (<see cref="ServeCommand"/>). The exit code: 0 when no error was reported, 1 when errors were (already
/// printed in MSBuild's canonical format), 2 when the engine itself failed (details in the request's log file).
/// </summary>
internal static class CommandRunner
{
    public static int Run(string command, string requestFile, DiagnosticWriter diagnostics)
    {
        string? logFile = null;
        try
        {
            switch (command)
            {
                case "inspect":
                    var inspect = ReproJson.Read<InspectRequest>(requestFile);
                    logFile = inspect.LogFile;
                    InspectCommand.Run(inspect, diagnostics);
                    break;
                case "train":
                    var train = ReproJson.Read<TrainRequest>(requestFile);
                    logFile = train.LogFile;
                    TrainCommand.Run(train, diagnostics);
                    break;
                case "stage":
                    var stage = ReproJson.Read<StageRunRequest>(requestFile);
                    logFile = stage.LogFile;
                    StageCommand.Run(stage);
                    break;
                default:
                    diagnostics.Error(ErrorCodes.EngineFailed, $"unknown engine command '{command}'.");
                    return 2;
            }
            return diagnostics.ErrorCount == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or (IOException and not FileNotFoundException and not DirectoryNotFoundException))
        {
            // A full disk, a read-only folder, a file another program holds: the user's to fix, so no log to read. (A file
            // of ReproBuild's own that vanished is not: that falls through to the failure below, with its log.)
            diagnostics.Error(ErrorCodes.FileSystemFailure, $"the ReproBuild engine could not read or write a file: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // Not the user's input: keep the stack trace out of the error list, in a log the message points to.
            var where = "the build output";
            if (logFile is not null)
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
                    File.AppendAllText(logFile, $"{DateTimeOffset.UtcNow:O} {command} --request {requestFile}\n{e}\n\n");
                    where = logFile;
                }
                catch (Exception logError) when (logError is IOException or UnauthorizedAccessException)
                {
                }
            }
            diagnostics.Error(ErrorCodes.EngineFailed, $"the ReproBuild engine failed unexpectedly ({e.GetType().Name}: {e.Message}). Details are in {where}.");
            return 2;
        }
    }
}
