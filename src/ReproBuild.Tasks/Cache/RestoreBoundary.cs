namespace ReproBuild.Tasks.Cache;

/// <summary>
/// Where a data restore may write a dataset: inside the project's folder, or inside the git checkout that holds
/// the project. A restore writes whatever a URL serves, so a Dataset path such as <c>../../.bashrc</c>, or one
/// under a folder link that leads elsewhere, must not let a build write outside the sources it was given. Both
/// sides are compared after resolving <c>..</c> and folder links (<see cref="ResolvedPath"/>).
/// </summary>
internal sealed class RestoreBoundary
{
    public RestoreBoundary(string projectDirectory)
    {
        ProjectDirectory = ResolvedPath.Of(projectDirectory) ?? Path.GetFullPath(projectDirectory);
        RepositoryDirectory = GitCheckout.FindDotGit(ProjectDirectory) is { } dotGit ? Path.GetDirectoryName(dotGit) : null;
    }

    public string ProjectDirectory { get; }

    /// <summary>The nearest folder at or above the project that holds a <c>.git</c> entry; null outside git.</summary>
    public string? RepositoryDirectory { get; }

    /// <summary>
    /// The path to write <paramref name="file"/> at — its folders resolved, its own name kept (a file that is a link
    /// is replaced, not written through) — or null when that lies outside both folders.
    /// </summary>
    public string? Resolve(string file)
    {
        var full = Path.GetFullPath(file);
        if (Path.GetDirectoryName(full) is not { } folder || ResolvedPath.Of(folder) is not { } resolvedFolder)
        {
            return null;
        }
        var resolved = Path.Combine(resolvedFolder, Path.GetFileName(full));
        return IsInside(ProjectDirectory, resolved) || (RepositoryDirectory is not null && IsInside(RepositoryDirectory, resolved)) ? resolved : null;
    }

    /// <summary>The folders a dataset may be restored into, as an error message names them.</summary>
    public string Describe() =>
        RepositoryDirectory is null || RepositoryDirectory == ProjectDirectory
            ? $"the project's folder '{ProjectDirectory}'"
            : $"the project's folder '{ProjectDirectory}' or its repository '{RepositoryDirectory}'";

    /// <summary>GetRelativePath compares as the file system does: case-insensitively on Windows and macOS.</summary>
    private static bool IsInside(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != "."
            && relative != ".."
            && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }
}
