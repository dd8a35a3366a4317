using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>Loads each dataset once per engine run, however many models train on it.</summary>
internal sealed class DatasetCache
{
    private readonly Dictionary<(string File, string Sha256, string? TypesFrom), Table> _tables = [];

    public Table Load(string file, DatasetSummary summary, IReadOnlyList<ColumnSummary>? typesFrom)
    {
        var key = (Path.GetFullPath(file), summary.Sha256, typesFrom is null ? null : string.Join("\u001f", typesFrom.Select(c => c.Name + ":" + c.Type)));
        if (!_tables.TryGetValue(key, out var table))
        {
            // An evaluation dataset is read with the types of the data the model was trained on, matched by name.
            ColumnReader ReaderFor(string column) =>
                (typesFrom?.FirstOrDefault(c => c.Name == column) ?? summary.Columns.FirstOrDefault(c => c.Name == column))?.Type == ColumnSummary.Number
                    ? ColumnReader.Number
                    : ColumnReader.Text;
            _tables[key] = table = TableLoader.Load(file, summary.Name, summary.Separator, summary.HasHeader, ReaderFor, summary.Sha256);
        }
        return table;
    }
}
