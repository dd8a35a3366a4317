namespace ReproBuild.Protocol;

/// <summary>
/// Finds the commit a project is checked out at by reading .git directly (HEAD, loose refs, packed-refs), so a
/// run record (a model's, written by the engine, or a stage's, by the tasks) can name it without starting git or requiring it on the machine.
/// </summary>
internal static class GitRevision
{
    public static string? Find(string directory)
    {
        var dotGit = GitCheckout.FindDotGit(directory);
        var gitDirectory = dotGit is null ? null : Directory.Exists(dotGit) ? dotGit : FromGitFile(dotGit);
        return gitDirectory is null ? null : Resolve(gitDirectory);
    }

    private static string? FromGitFile(string file)
    {
        var line = File.ReadAllText(file).Trim();
        const string prefix = "gitdir:";
        return line.StartsWith(prefix, StringComparison.Ordinal)
            ? Path.GetFullPath(line[prefix.Length..].Trim(), Path.GetDirectoryName(file)!)
            : null;
    }

    private static string? Resolve(string gitDirectory)
    {
        var headFile = Path.Combine(gitDirectory, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }
        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return head;
        }
        var reference = head[4..].Trim();
        // Worktrees keep refs in the common directory.
        var commonFile = Path.Combine(gitDirectory, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDirectory) : gitDirectory;
        foreach (var root in new[] { gitDirectory, common })
        {
            var loose = Path.Combine(root, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
        }
        var packed = Path.Combine(common, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[1] == reference)
                {
                    return parts[0];
                }
            }
        }
        return null;
    }
}
