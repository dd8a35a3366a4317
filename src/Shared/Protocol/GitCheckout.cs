namespace ReproBuild;

/// <summary>
/// The git checkout a folder belongs to: the nearest folder, itself or an ancestor, that holds a <c>.git</c> entry
/// (a folder, or a file as worktrees and submodules have one). Found by looking, so git need not be installed.
/// </summary>
internal static class GitCheckout
{
    /// <returns>The path of the <c>.git</c> entry, or null when no folder above holds one.</returns>
    public static string? FindDotGit(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return dotGit;
            }
        }
        return null;
    }
}
