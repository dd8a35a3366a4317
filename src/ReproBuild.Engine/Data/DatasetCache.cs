using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Loads each dataset once per engine run, however many models train on it, reading every cell the way its
/// inspection did (<see cref="ColumnReaders"/>) — or takes the table this process's inspection made of the same bytes
/// (<see cref="InspectedTables"/>).
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
            // Read in this process's inspection of the same bytes, with the same column types: the file is not read again.
            if (typesFrom is null && InspectedTables.Take(file, summary.Sha256) is { } inspected)
            {
                _tables[key] = table = new Table(summary.Name, file, inspected.Columns, inspected.RowLines, inspected.Sha256);
                return table;
            }
            var schema = summary.SchemaFile is null
                ? null
                : SchemaLoading.Load(summary.SchemaFile, summary.SchemaResource, diagnostics)
                    ?? throw new UserError(ErrorCodes.DatasetChangedDuringBuild, "the schema changed while the build was reading it; build again.", summary.SchemaFile);
            var readerFor = ColumnReaders.For(schema, column => (typesFrom?.FirstOrDefault(c => c.Name == column) ?? summary.Columns.FirstOrDefault(c => c.Name == column))?.Type);
            _tables[key] = table = TableLoader.Load(file, summary.Name, summary.Separator, summary.HasHeader, readerFor, summary.Sha256);
        }
        return table;
    }
}
