using System.Collections.Concurrent;
using ReproBuild;
using ReproBuild.Engine;
using ReproBuild.Engine.Commands;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

// The engine's command line is a private protocol with the ReproBuild MSBuild tasks, not a user interface:
//   ReproBuild.Engine inspect --request <file.json> [--exit-with-stdin]
//   ReproBuild.Engine train --request <file.json> [--exit-with-stdin]
//   ReproBuild.Engine stage --request <file.json> [--exit-with-stdin]   runs a pipeline stage's program, tied to the build
//   ReproBuild.Engine serve --project <project file> --exit-with-stdin  one build's inspect and train requests, read from stdin
// Exit code 0 when no error was reported, 1 when errors were (already printed in MSBuild's canonical format),
// 2 when the engine itself failed (details in the log file named in the request). With --exit-with-stdin the
// engine dies as soon as its standard input closes: the task that started it keeps it open while it lives.
var diagnostics = new DiagnosticWriter(Console.Out);
if (args is [EngineHandshake.ServeCommand, "--project", _, ParentWatch.Switch])
{
    // The project file is there for ps and the like to show whose build the engine serves; requests name their files.
    var requests = new BlockingCollection<string>();
    ParentWatch.Start(requests);
    Console.Out.WriteLine(EngineHandshake.StartedLine);
    return ServeCommand.Run(requests);
}
if (args.Length is not (3 or 4) || args[1] != "--request" || (args.Length == 4 && args[3] != ParentWatch.Switch))
{
    diagnostics.Error(ErrorCodes.EngineFailed, $"usage: ReproBuild.Engine inspect|train|stage --request <file> [{ParentWatch.Switch}], or ReproBuild.Engine {EngineHandshake.ServeCommand} --project <file> {ParentWatch.Switch}");
    return 2;
}
if (args.Length == 4)
{
    ParentWatch.Start();
    Console.Out.WriteLine(EngineHandshake.StartedLine);
}
return CommandRunner.Run(args[0], args[2], diagnostics);
