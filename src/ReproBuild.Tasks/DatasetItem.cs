using Microsoft.Build.Framework;

namespace ReproBuild.Tasks;

/// <summary>A <c>Dataset</c> item with its metadata parsed and defaults applied (README, "Items").</summary>
internal sealed record DatasetItem(string Name, string FullPath, char Separator, bool HasHeader, string? SchemaFile, string? SchemaResource = null)
{
    public static DatasetItem? Parse(ITaskItem item, ItemProblems problems)
    {
        var fullPath = item.GetMetadata("FullPath");
        var name = ItemNames.Normalize(Metadata(item, "Name") ?? Path.GetFileNameWithoutExtension(fullPath));
        if (!ItemNames.IsDatasetName(name))
        {
            problems.ErrorAtElement(item, "Dataset", ErrorCodes.InvalidModelName, $"Dataset '{item.ItemSpec}' has the name '{name}'; a dataset name may use letters, digits, '_', '-' and '.'. Set its Name metadata.");
            return null;
        }

        // Not trimmed when it is only whitespace: Separator="%09" arrives as a tab character, and ' ' is a separator too.
        var separatorText = item.GetMetadata("Separator") is { Length: > 0 } raw && string.IsNullOrWhiteSpace(raw) ? raw : Metadata(item, "Separator");
        var separator = separatorText switch
        {
            null => Path.GetExtension(fullPath).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
            "\t" or "\\t" or "tab" or "Tab" or "TAB" => '\t',
            { Length: 1 } single when single[0] is not ('"' or '\r' or '\n') => single[0],
            var other => (char?)null,
        };
        if (separator is null)
        {
            problems.ErrorAtElement(item, "Dataset", ErrorCodes.InvalidMetadataValue, $"Dataset '{name}' has Separator '{item.GetMetadata("Separator")}'; use one character, or \\t for a tab.");
            return null;
        }

        var hasHeaderText = Metadata(item, "HasHeader");
        var hasHeader = true;
        if (hasHeaderText is not null && !bool.TryParse(hasHeaderText, out hasHeader))
        {
            problems.ErrorAtElement(item, "Dataset", ErrorCodes.InvalidMetadataValue, $"Dataset '{name}' has HasHeader '{hasHeaderText}'; use true or false.");
            return null;
        }

        var schema = Metadata(item, "Schema");
        var schemaFile = schema is null ? null : Path.GetFullPath(schema, Path.GetDirectoryName(item.GetMetadata("DefiningProjectFullPath")) is { Length: > 0 } dir ? dir : Environment.CurrentDirectory);
        return new DatasetItem(name, fullPath, separator.Value, hasHeader, schemaFile, Metadata(item, "Resource"));
    }

    /// <summary>
    /// Every <c>Dataset</c> item parsed, with the checks across items and on disk: unique names, the data and schema
    /// files exist. The build and the status check call this one method, so they report the same errors.
    /// </summary>
    public static List<DatasetItem> ParseAll(IEnumerable<ITaskItem> items, ItemProblems problems)
    {
        var datasets = new List<DatasetItem>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (Parse(item, problems) is not { } dataset)
            {
                continue;
            }
            if (!names.Add(dataset.Name))
            {
                problems.ErrorAtElement(item, "Dataset", ErrorCodes.DuplicateName, $"Two Dataset items are named '{dataset.Name}'; give one a different Name metadata.");
            }
            else if (!File.Exists(dataset.FullPath))
            {
                problems.ErrorAtElement(item, "Dataset", ErrorCodes.DatasetFileNotFound, $"Dataset '{dataset.Name}': the file '{dataset.FullPath}' does not exist.");
            }
            else if (dataset.SchemaFile is not null && !File.Exists(dataset.SchemaFile))
            {
                problems.ErrorAtElement(item, "Dataset", ErrorCodes.DatasetFileNotFound, $"Dataset '{dataset.Name}': the schema file '{dataset.SchemaFile}' does not exist.");
            }
            else
            {
                datasets.Add(dataset);
            }
        }
        return datasets;
    }

    internal static string? Metadata(ITaskItem item, string name) =>
        item.GetMetadata(name) is { Length: > 0 } value ? value.Trim() : null;
}
