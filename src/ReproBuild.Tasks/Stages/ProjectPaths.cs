namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Paths as stages record them: relative to the project folder, with '/' separators, so that fingerprints, the lock
/// file and provenance are the same in every clone and on every operating system.
/// </summary>
internal static class ProjectPaths
{
    public static string Relative(string projectDirectory, string fullPath) =>
        Path.GetRelativePath(projectDirectory, fullPath).Replace('\\', '/');

    public static bool IsInside(string projectDirectory, string fullPath)
    {
        var relative = Path.GetRelativePath(projectDirectory, fullPath);
        return relative != "." && !Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !relative.StartsWith("../", StringComparison.Ordinal);
    }
}
