using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>Reports a problem with an item's metadata as an RB error at the project file that declares it.</summary>
/// <param name="log">Where to report; null only counts, for tasks that leave reporting to the build's own checks.</param>
internal sealed class ItemProblems(TaskLoggingHelper? log, string projectFile)
{
    /// <summary>Counts problems without reporting them.</summary>
    public static ItemProblems Silent => new(null, "");

    public int ErrorCount { get; private set; }

    public void Error(string code, string message)
    {
        ErrorCount++;
        log?.LogError(null, code, null, projectFile, 0, 0, 0, 0, message);
    }

    public void Warning(string code, string message) =>
        log?.LogWarning(null, code, null, projectFile, 0, 0, 0, 0, message);
}
