using System.Text.RegularExpressions;
using Microsoft.Build.Framework;

namespace ReproBuild.Tasks;

/// <summary>A <c>Dataset</c> item with its metadata parsed and defaults applied (DESIGN.md, "Items").</summary>
internal sealed partial record DatasetItem(string Name, string FullPath, char Separator, bool HasHeader, string? SchemaFile, string? SchemaResource = null)
{
    public static DatasetItem? Parse(ITaskItem item, ItemProblems problems)
    {
        var fullPath = item.GetMetadata("FullPath");
        var name = Metadata(item, "Name") ?? Path.GetFileNameWithoutExtension(fullPath);
        if (!NamePattern().IsMatch(name))
        {
            problems.Error(ErrorCodes.InvalidModelName, $"Dataset '{item.ItemSpec}' has the name '{name}'; a dataset name may use letters, digits, '_', '-' and '.'. Set its Name metadata.");
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
            problems.Error(ErrorCodes.InvalidMetadataValue, $"Dataset '{name}' has Separator '{item.GetMetadata("Separator")}'; use one character, or \\t for a tab.");
            return null;
        }

        var hasHeaderText = Metadata(item, "HasHeader");
        var hasHeader = true;
        if (hasHeaderText is not null && !bool.TryParse(hasHeaderText, out hasHeader))
        {
            problems.Error(ErrorCodes.InvalidMetadataValue, $"Dataset '{name}' has HasHeader '{hasHeaderText}'; use true or false.");
            return null;
        }

        var schema = Metadata(item, "Schema");
        var schemaFile = schema is null ? null : Path.GetFullPath(schema, Path.GetDirectoryName(item.GetMetadata("DefiningProjectFullPath")) is { Length: > 0 } dir ? dir : Environment.CurrentDirectory);
        return new DatasetItem(name, fullPath, separator.Value, hasHeader, schemaFile, Metadata(item, "Resource"));
    }

    internal static string? Metadata(ITaskItem item, string name) =>
        item.GetMetadata(name) is { Length: > 0 } value ? value.Trim() : null;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
