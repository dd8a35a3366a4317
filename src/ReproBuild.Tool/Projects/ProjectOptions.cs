namespace ReproBuild.Tool.Projects;

/// <summary>Which project, and which of its builds: the same choices <c>dotnet build</c> takes.</summary>
/// <param name="Project">A project file or a folder with one; null for the current folder.</param>
/// <param name="Configuration">Debug unless given, as for <c>dotnet build</c>.</param>
/// <param name="Framework">Needed only for a project with several target frameworks.</param>
internal sealed record ProjectOptions(string? Project, string? Configuration, string? Framework);
