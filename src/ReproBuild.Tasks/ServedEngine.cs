using Microsoft.Build.Framework;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// One engine process for a project's build (one per obj/ folder: each target framework has its own): the first task
/// that needs the engine starts it and registers it with MSBuild for the build; a later task of the same build hands
/// it its request instead of starting a second process (the runtime's start and the compilation of the engine's code
/// happen once). The task that knows nothing later needs it ends it; MSBuild disposes whatever is left when the build
/// ends, node reuse or not. The engine dies with this process besides (<see cref="EngineProcess"/>).
/// </summary>
internal static class ServedEngine
{
    /// <summary>The engine registered for this build and obj/ folder, if it still runs; else a new one, registered.</summary>
    /// <param name="reused">Whether it was started by an earlier task of this build.</param>
    public static EngineProcess Get(IBuildEngine4 build, string intermediateDirectory, string engineAssembly, string projectFile, Func<IReadOnlyList<string>, EngineProcess> start, out bool reused)
    {
        var key = Key(intermediateDirectory, engineAssembly);
        if (build.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is EngineProcess running)
        {
            if (!running.HasExited)
            {
                reused = true;
                return running;
            }
            Release(build, intermediateDirectory, engineAssembly);
        }
        var engine = start([EngineHandshake.ServeCommand, "--project", projectFile]);
        build.RegisterTaskObject(key, engine, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        reused = false;
        return engine;
    }

    /// <summary>Ends the registered engine now, if there is one: nothing later in the build needs it.</summary>
    public static void Release(IBuildEngine4 build, string intermediateDirectory, string engineAssembly)
    {
        if (build.UnregisterTaskObject(Key(intermediateDirectory, engineAssembly), RegisteredTaskObjectLifetime.Build) is EngineProcess engine)
        {
            engine.Dispose();
        }
    }

    private static string Key(string intermediateDirectory, string engineAssembly) =>
        $"ReproBuild.Engine|{Path.GetFullPath(intermediateDirectory)}|{Path.GetFullPath(engineAssembly)}";
}
