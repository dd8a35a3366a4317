namespace ReproBuild.Tasks.Lock;

/// <summary>The line of an entry in a lock file, so that a locked-mode error opens the lock file at that entry.</summary>
internal static class LockFileLocator
{
    /// <param name="section"><c>datasets</c>, <c>models</c> or <c>stages</c>.</param>
    /// <returns>The 1-based line of <c>"name": {</c> inside the section, or 0 when it is not there.</returns>
    public static int LineOf(string lockFile, string section, string name)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(lockFile);
        }
        catch (IOException)
        {
            return 0;
        }
        var inSection = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith($"\"{section}\":", StringComparison.Ordinal))
            {
                inSection = true;
            }
            else if (inSection && line.StartsWith($"\"{name}\":", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return 0;
    }
}
