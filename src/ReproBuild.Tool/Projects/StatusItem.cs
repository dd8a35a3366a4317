namespace ReproBuild.Tool.Projects;

/// <summary>One entry the <c>ReproBuildStatus</c> target returned (see build/ReproBuild.Status.targets).</summary>
internal sealed record StatusItem(string Kind, string Name, bool Stale, IReadOnlyList<string> Reasons, IReadOnlyDictionary<string, string> Metadata)
{
    public const string Stage = "Stage";
    public const string Dataset = "Dataset";
    public const string Model = "Model";
    public const string LockFile = "LockFile";

    public string? Get(string metadata) => Metadata.TryGetValue(metadata, out var value) && value.Length > 0 ? value : null;
}
