namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A Frictionless Table Schema (v1 or v2): the fields of a table, its keys and how its fields map onto the data's
/// columns. <see cref="Load"/> reads one from a schema file or from a resource of a datapackage.json.
/// </summary>
internal sealed class TableSchema
{
    internal TableSchema(
        string file,
        IReadOnlyList<SchemaField> fields,
        IReadOnlyList<string> primaryKey,
        IReadOnlyList<IReadOnlyList<string>> uniqueKeys,
        FieldsMatch fieldsMatch,
        IReadOnlyList<string> missingValues)
    {
        File = file;
        Fields = fields;
        PrimaryKey = primaryKey;
        UniqueKeys = uniqueKeys;
        FieldsMatch = fieldsMatch;
        MissingValues = missingValues;
    }

    public IReadOnlyList<SchemaField> Fields { get; }

    /// <summary>The primary key's field names; empty when there is none. (v1's single string is accepted.)</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>v2 uniqueKeys: each a list of field names whose combined values must be unique.</summary>
    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; }

    /// <summary>v2 fieldsMatch; <see cref="FieldsMatch.Exact"/> when absent.</summary>
    public FieldsMatch FieldsMatch { get; }

    /// <summary>The schema-level missingValues (default [""]); a field may override them.</summary>
    public IReadOnlyList<string> MissingValues { get; }

    /// <summary>The file the schema was read from: the schema file, or the data package (inline schema) or the schema file its resource names.</summary>
    public string File { get; }

    /// <summary>
    /// Loads a Table Schema JSON file (v1 or v2), or a datapackage.json when <paramref name="resource"/> names one of
    /// its resources (whose "schema" is inline or a relative path to a schema file). Problems are reported through
    /// <paramref name="report"/> as (code, message, file, line, column) with the JSON file's 1-based line and column
    /// of the offending token; errors make it return null; unsupported-but-valid properties are warnings and it still
    /// returns a schema. An empty <paramref name="resource"/> counts as none. The result is immutable: its fields
    /// can check cells from several threads at once.
    /// </summary>
    public static TableSchema? Load(string path, string? resource, SchemaReporter report)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(report);
        // MSBuild metadata that is not set arrives as an empty string.
        return SchemaLoader.Load(path, string.IsNullOrWhiteSpace(resource) ? null : resource, report);
    }

    /// <summary>
    /// Reads a Table Schema from its bytes (a copy embedded beside a model), reporting problems as <see cref="Load"/>
    /// does against <paramref name="name"/>. A data package is not resolved here: the bytes are the schema itself.
    /// </summary>
    public static TableSchema? Parse(byte[] json, string name, SchemaReporter report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        return SchemaLoader.Parse(json, name, report);
    }
}
