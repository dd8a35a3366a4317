namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>Where MSBuild (and so the IDE) puts a diagnostic about an item element: its line, and the column of its '&lt;'.</summary>
internal static class ElementLocation
{
    /// <summary><c>file(line,column)</c> of the first line of <paramref name="projectFile"/> that contains <paramref name="snippet"/>.</summary>
    public static string Of(string projectFile, string snippet)
    {
        var lines = File.ReadAllLines(projectFile);
        var line = Array.FindIndex(lines, l => l.Contains(snippet, StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, line, $"'{snippet}' is not in {projectFile}");
        return $"{projectFile}({line + 1},{lines[line].IndexOf('<', StringComparison.Ordinal) + 1})";
    }
}
