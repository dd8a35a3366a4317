namespace ReproBuild.Tool.Projects;

/// <summary>Finds the project a command works on, as <c>dotnet build</c> does: a project file, or the one project file in a folder.</summary>
internal static class ProjectLocator
{
    private static readonly string[] Extensions = [".csproj", ".fsproj", ".vbproj", ".proj"];

    public static string Find(string? argument)
    {
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(argument) ? Directory.GetCurrentDirectory() : argument);
        if (File.Exists(path))
        {
            return path;
        }
        if (!Directory.Exists(path))
        {
            throw new ToolError($"'{argument}' is neither a project file nor a folder. Name a project file (for example Models.csproj) or the folder that holds one.");
        }
        var projects = Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray();
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new ToolError($"No project file in '{path}'. Run the command in the folder of the project that declares the datasets and models, or name its project file."),
            _ => throw new ToolError($"'{path}' holds several project files ({string.Join(", ", projects.Select(Path.GetFileName))}); name the one to use."),
        };
    }
}
