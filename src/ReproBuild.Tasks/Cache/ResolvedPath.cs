namespace ReproBuild.Tasks.Cache;

/// <summary>
/// A path as the operating system will follow it when a file is written there: <c>..</c> resolved and every
/// symbolic link (or junction) among the folders that exist replaced by its target, one link at a time, as
/// realpath(3) does — so ".." after a link goes up from where the link leads. What does not exist yet is appended
/// as it is: nothing there can lead anywhere else.
/// </summary>
internal static class ResolvedPath
{
    /// <summary>Linux gives up after 40 links (ELOOP); so does this.</summary>
    private const int MaxLinks = 40;

    /// <returns>The resolved full path, or null when the links loop, go more than 40 deep or cannot be read.</returns>
    public static string? Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        Push(pending, full[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            string? target;
            try
            {
                target = new DirectoryInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A link that cannot be read cannot be vouched for.
                return null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                return null;
            }
            // A relative target is relative to the folder holding the link, which is where we are.
            if (Path.GetPathRoot(target) is { Length: > 0 } root)
            {
                current = root;
                target = target[root.Length..];
            }
            Push(pending, target);
        }
        return current;
    }

    /// <summary>Puts a path's parts on the stack so that its first part comes off first.</summary>
    private static void Push(Stack<string> pending, string path)
    {
        var parts = path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
