using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>
/// One line of <c>ReproBuildStatus</c>'s answer: a stage, a dataset, a model or the lock file, up to date or stale, and why.
/// As an item: identity = the name; metadata Kind, Stale (true/false), Reasons (one per line) and, per kind,
/// the files a reader of the status wants next (data file, report, evaluation, …).
/// </summary>
internal sealed class StatusEntry(string kind, string name)
{
    public const string StageKind = "Stage";
    public const string DatasetKind = "Dataset";
    public const string ModelKind = "Model";
    public const string LockFileKind = "LockFile";

    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public List<string> Reasons { get; } = [];

    public bool Stale => Reasons.Count > 0;

    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public ITaskItem ToItem()
    {
        ITaskItem2 item = new TaskItem(Name);
        // Literal values: reasons quote file names and parameter values, which may hold '%' or ';'.
        item.SetMetadataValueLiteral("Kind", Kind);
        item.SetMetadataValueLiteral("Stale", Stale ? "true" : "false");
        item.SetMetadataValueLiteral("Reasons", string.Join("\n", Reasons));
        foreach (var (key, value) in Metadata)
        {
            item.SetMetadataValueLiteral(key, value);
        }
        return item;
    }

    public string Describe() => Stale
        ? $"{Kind} {Name}: stale: {string.Join("; ", Reasons)}"
        : $"{Kind} {Name}: up to date";
}
