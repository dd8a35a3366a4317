using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Data;

/// <summary>How training reads a dataset's columns: through its schema's fields when it has a schema (a column the schema does not name is text), else by the column types its inspection decided.</summary>
internal static class ColumnReaders
{
    /// <param name="typeOf">Without a schema: the type inspection gave the column of that name.</param>
    public static Func<string, ColumnReader> For(TableSchema? schema, Func<string, string?> typeOf)
    {
        var fields = schema?.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return column => fields is not null
            ? fields.TryGetValue(column, out var field) ? new SchemaColumnReader(field) : ColumnReader.Text
            : typeOf(column) == ColumnSummary.Number ? ColumnReader.Number : ColumnReader.Text;
    }
}
