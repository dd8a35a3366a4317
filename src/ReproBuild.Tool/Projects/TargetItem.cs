namespace ReproBuild.Tool.Projects;

/// <summary>An item a ReproBuild target returned (or a project declares): its identity and metadata, MSBuild types left behind.</summary>
internal sealed record TargetItem(string Name, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>A metadata value, empty when not set.</summary>
    public string Get(string name) => Metadata.TryGetValue(name, out var value) ? value : "";

    /// <summary>A metadata value that holds one value per line (paths, parameters), as the targets write lists.</summary>
    public IReadOnlyList<string> Lines(string name) => Get(name).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
