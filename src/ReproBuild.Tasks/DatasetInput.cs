namespace ReproBuild.Tasks;

/// <summary>
/// Everything that decides a dataset's inspection, as written to <c>obj/…/datasets/&lt;Name&gt;.input.json</c>: the
/// file is rewritten only when this changes, and the inspection target compares its time. <see cref="HashDatasets"/>
/// writes it; the status check reads the last one back to say what changed.
/// </summary>
/// <param name="ContentHash">XxHash128 of the data file (change detection, through the stat cache).</param>
/// <param name="SchemaHash">XxHash128 of the schema file, when there is one.</param>
internal sealed record DatasetInput(
    string Name,
    string ContentHash,
    long Size,
    char Separator,
    bool HasHeader,
    string? SchemaHash,
    string? SchemaResource,
    string EngineVersion)
{
    public static DatasetInput Create(DatasetItem dataset, IReadOnlyDictionary<string, (string Hash, long Size)> hashes) =>
        new(
            dataset.Name,
            hashes[dataset.FullPath].Hash,
            hashes[dataset.FullPath].Size,
            dataset.Separator,
            dataset.HasHeader,
            dataset.SchemaFile is null ? null : hashes[dataset.SchemaFile].Hash,
            dataset.SchemaResource,
            ToolVersions.Engine);

    /// <summary>The files whose content decides the input: the data and its schema.</summary>
    public static IEnumerable<string> Files(DatasetItem dataset) =>
        dataset.SchemaFile is null ? [dataset.FullPath] : [dataset.FullPath, dataset.SchemaFile];
}
