using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Loads each dataset once per engine run, however many models train on it, reading every cell the way its
/// inspection did: through the dataset's schema fields when it has a schema, else by the inferred column types.
/// </summary>
internal sealed class DatasetCache(DiagnosticWriter diagnostics)
{
    private readonly Dictionary<(string File, string Sha256, string? TypesFrom), Table> _tables = [];

    /// <param name="typesFrom">For an evaluation dataset without a schema: the training data's column types, matched by name.</param>
    public Table Load(string file, DatasetSummary summary, IReadOnlyList<ColumnSummary>? typesFrom)
    {
        var key = (Path.GetFullPath(file), summary.Sha256, typesFrom is null ? null : string.Join("\u001f", typesFrom.Select(c => c.Name + ":" + c.Type)));
        if (!_tables.TryGetValue(key, out var table))
        {
            var fields = summary.SchemaFile is null
                ? null
                : (SchemaLoading.Load(summary.SchemaFile, summary.SchemaResource, diagnostics)
                    ?? throw new UserError(ErrorCodes.DatasetChangedDuringBuild, "the schema changed while the build was reading it; build again.", summary.SchemaFile))
                    .Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
            ColumnReader ReaderFor(string column)
            {
                if (fields is not null)
                {
                    return fields.TryGetValue(column, out var field) ? new SchemaColumnReader(field) : ColumnReader.Text;
                }
                var type = (typesFrom?.FirstOrDefault(c => c.Name == column) ?? summary.Columns.FirstOrDefault(c => c.Name == column))?.Type;
                return type == ColumnSummary.Number ? ColumnReader.Number : ColumnReader.Text;
            }
            _tables[key] = table = TableLoader.Load(file, summary.Name, summary.Separator, summary.HasHeader, ReaderFor, summary.Sha256);
        }
        return table;
    }
}
