using System.Collections.Concurrent;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Commands;

/// <summary>
/// <c>engine serve</c>: one engine process for all of a build's requests to it — the inspection of the datasets, then
/// the training of the models on them — so that the runtime starts and the engine's code is compiled once per
/// build, not once per request. Requests come one a line on standard input (<see cref="EngineHandshake.ServeCommand"/>);
/// the end of standard input ends the process (<see cref="ParentWatch"/>), whether the build is done or gone.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Each request runs on a thread named after its command (<c>ps -L</c>, <c>top -H</c> show what a served engine is doing).</summary>
    public static string ThreadName(string command) => $"engine-{command}";

    // The main thread's stack: training code must not find less room on a served engine than on a single-shot one.
    private const int StackSize = 8 << 20;

    /// <returns>2 when a request failed unexpectedly (the engine does not go on after that); never returns otherwise.</returns>
    public static int Run(BlockingCollection<string> requests)
    {
        foreach (var line in requests.GetConsumingEnumerable())
        {
            var diagnostics = new DiagnosticWriter(Console.Out);
            var code = 2;
            if (EngineHandshake.ParseRequestLine(line) is not var (command, requestFile))
            {
                diagnostics.Error(ErrorCodes.EngineFailed, $"the ReproBuild engine got a request it cannot read: '{line}'.");
            }
            else
            {
                var worker = new Thread(() => code = CommandRunner.Run(command, requestFile, diagnostics), StackSize) { Name = ThreadName(command) };
                worker.Start();
                worker.Join();
            }
            Console.Out.WriteLine(EngineHandshake.DoneLine(code));
            Console.Out.Flush();
            if (code == 2)
            {
                return 2;
            }
        }
        return 0;
    }
}
