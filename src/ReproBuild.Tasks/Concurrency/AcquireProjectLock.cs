using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Concurrency;

/// <summary>
/// Waits until no other build of this project runs the ReproBuild pipeline, then holds <see cref="ProjectBuildLock"/>
/// until <see cref="ReleaseProjectLock"/> or the end of the build. Cancelling the build stops the wait.
/// </summary>
public sealed class AcquireProjectLock : ReproBuildTask
{
    /// <summary>ReproBuild's folder under obj/, where the lock file lives.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    private protected override bool Run()
    {
        var layout = new IntermediateLayout(IntermediateDirectory);
        var key = RegistrationKey(layout);
        if (BuildEngine4.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is ProjectBuildLock held)
        {
            held.Holders++;
            return true;
        }
        var announced = false;
        var started = Environment.TickCount64;
        while (true)
        {
            if (ProjectBuildLock.TryTake(layout.BuildLockFile) is { } taken)
            {
                BuildEngine4.RegisterTaskObject(key, taken, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
                return true;
            }
            if (!announced && Environment.TickCount64 - started > 1000)
            {
                Log.LogMessage(MessageImportance.High, $"ReproBuild: another build of this project is running; waiting for it to finish ({layout.BuildLockFile}).");
                announced = true;
            }
            if (Cancellation.WaitHandle.WaitOne(100))
            {
                Log.LogWarning(null, null, null, ProjectFile, 0, 0, 0, 0, "ReproBuild: the build was cancelled while it waited for another build of this project.");
                return false;
            }
        }
    }

    internal static string RegistrationKey(IntermediateLayout layout) => $"ReproBuild.ProjectBuildLock|{layout.BuildLockFile}";
}
