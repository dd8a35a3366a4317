using ReproBuild;
using ReproBuild.Engine;
using ReproBuild.Engine.Commands;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

// The engine's command line is a private protocol with the ReproBuild MSBuild tasks, not a user interface:
//   ReproBuild.Engine inspect --request <file.json> [--exit-with-stdin]
//   ReproBuild.Engine train --request <file.json> [--exit-with-stdin]
//   ReproBuild.Engine stage --request <file.json> [--exit-with-stdin]   runs a pipeline stage's program, tied to the build
// Exit code 0 when no error was reported, 1 when errors were (already printed in MSBuild's canonical format),
// 2 when the engine itself failed (details in the log file named in the request). With --exit-with-stdin the
// engine dies as soon as its standard input closes: the task that started it keeps it open while it lives.
var diagnostics = new DiagnosticWriter(Console.Out);
if (args.Length is not (3 or 4) || args[1] != "--request" || (args.Length == 4 && args[3] != ParentWatch.Switch))
{
    diagnostics.Error(ErrorCodes.EngineFailed, $"usage: ReproBuild.Engine inspect|train|stage --request <file> [{ParentWatch.Switch}]");
    return 2;
}
if (args.Length == 4)
{
    ParentWatch.Start();
    Console.Out.WriteLine(EngineHandshake.StartedLine);
}

string? logFile = null;
try
{
    switch (args[0])
    {
        case "inspect":
            var inspect = ReproJson.Read<InspectRequest>(args[2]);
            logFile = inspect.LogFile;
            InspectCommand.Run(inspect, diagnostics);
            break;
        case "train":
            var train = ReproJson.Read<TrainRequest>(args[2]);
            logFile = train.LogFile;
            TrainCommand.Run(train, diagnostics);
            break;
        case "stage":
            var stage = ReproJson.Read<StageRunRequest>(args[2]);
            logFile = stage.LogFile;
            StageCommand.Run(stage);
            break;
        default:
            diagnostics.Error(ErrorCodes.EngineFailed, $"unknown engine command '{args[0]}'.");
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
            File.AppendAllText(logFile, $"{DateTimeOffset.UtcNow:O} {string.Join(' ', args)}\n{e}\n\n");
            where = logFile;
        }
        catch (Exception logError) when (logError is IOException or UnauthorizedAccessException)
        {
        }
    }
    diagnostics.Error(ErrorCodes.EngineFailed, $"the ReproBuild engine failed unexpectedly ({e.GetType().Name}: {e.Message}). Details are in {where}.");
    return 2;
}
