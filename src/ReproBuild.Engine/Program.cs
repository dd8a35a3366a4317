using ReproBuild;
using ReproBuild.Engine.Commands;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

// The engine's command line is a private protocol with the ReproBuild MSBuild tasks, not a user interface:
//   ReproBuild.Engine inspect --request <file.json>
//   ReproBuild.Engine train --request <file.json>
// Exit code 0 when no error was reported, 1 when errors were (already printed in MSBuild's canonical format),
// 2 when the engine itself failed (details in the log file named in the request).
var diagnostics = new DiagnosticWriter(Console.Out);
if (args.Length != 3 || args[1] != "--request")
{
    diagnostics.Error(ErrorCodes.EngineFailed, "usage: ReproBuild.Engine inspect|train --request <file>");
    return 2;
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
        default:
            diagnostics.Error(ErrorCodes.EngineFailed, $"unknown engine command '{args[0]}'.");
            return 2;
    }
    return diagnostics.ErrorCount == 0 ? 0 : 1;
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
        catch (IOException)
        {
        }
    }
    diagnostics.Error(ErrorCodes.EngineFailed, $"the ReproBuild engine failed unexpectedly ({e.GetType().Name}: {e.Message}). Details are in {where}.");
    return 2;
}
