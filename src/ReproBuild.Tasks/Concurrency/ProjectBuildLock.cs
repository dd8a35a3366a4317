namespace ReproBuild.Tasks.Concurrency;

/// <summary>
/// One ReproBuild pipeline at a time per project output: an exclusive lock on a file under obj/, which the operating
/// system drops when the holder ends, however it ends. Two builds of one project at once (the IDE's and a terminal's)
/// share obj/ — staging folders, models, the lock file — so the second waits for the first and then finds its work
/// done, instead of both training into the same folders. Kept across the pipeline's tasks as a registered task
/// object of the build, which MSBuild disposes when the build ends, so a failed build cannot keep it.
/// </summary>
internal sealed class ProjectBuildLock(FileStream stream) : IDisposable
{
    /// <summary>The pipeline's targets that hold it in this build (a project may run them in two instances of itself).</summary>
    public int Holders { get; set; } = 1;

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    public static ProjectBuildLock? TryTake(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new ProjectBuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();

    // .NET reports a lock held elsewhere as an IOException carrying EWOULDBLOCK (Linux 11, macOS 35) on Unix, and
    // ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows; any other IOException is a real failure.
    private static bool IsHeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35;
}
