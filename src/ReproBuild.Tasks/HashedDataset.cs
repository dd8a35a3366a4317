using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>
/// A dataset as <see cref="HashDatasets"/> hands it to the rest of the pipeline. As an item its identity is the input
/// file (the inspection target's Inputs, so MSBuild can pass just the changed datasets) and the rest is metadata; this
/// is the one mapping to and from that metadata.
/// </summary>
internal sealed record HashedDataset(
    string InputFile,
    string Name,
    string DataFile,
    char Separator,
    bool HasHeader,
    string SummaryFile,
    string ReportFile,
    string? SchemaFile,
    string? SchemaResource)
{
    public ITaskItem ToItem()
    {
        var item = new TaskItem(InputFile);
        item.SetMetadata("Name", Name);
        item.SetMetadata("DataFile", DataFile);
        item.SetMetadata("Separator", Separator == '\t' ? "\\t" : Separator.ToString());
        item.SetMetadata("HasHeader", HasHeader ? "true" : "false");
        item.SetMetadata("SummaryFile", SummaryFile);
        item.SetMetadata("ReportFile", ReportFile);
        item.SetMetadata("SchemaFile", SchemaFile ?? "");
        item.SetMetadata("SchemaResource", SchemaResource ?? "");
        return item;
    }

    public static HashedDataset From(ITaskItem item) =>
        new(
            item.ItemSpec,
            item.GetMetadata("Name"),
            item.GetMetadata("DataFile"),
            item.GetMetadata("Separator") switch { "\\t" => '\t', { Length: > 0 } separator => separator[0], _ => ',' },
            item.GetMetadata("HasHeader") == "true",
            item.GetMetadata("SummaryFile"),
            item.GetMetadata("ReportFile"),
            NullIfEmpty(item.GetMetadata("SchemaFile")),
            NullIfEmpty(item.GetMetadata("SchemaResource")));

    internal static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
