using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Concurrency;

/// <summary>Lets the next build of this project run the pipeline, once the last of this build's holders is done.</summary>
public sealed class ReleaseProjectLock : ReproBuildTask
{
    /// <summary>ReproBuild's folder under obj/, where the lock file lives.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    private protected override bool Run()
    {
        var key = AcquireProjectLock.RegistrationKey(new IntermediateLayout(IntermediateDirectory));
        if (BuildEngine4.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is ProjectBuildLock held && --held.Holders == 0)
        {
            BuildEngine4.UnregisterTaskObject(key, RegisteredTaskObjectLifetime.Build);
            held.Dispose();
        }
        return true;
    }
}
