using ReproBuild.Protocol;

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
            _tables[key] = table = TableLoader.Load(file, summary, typesFrom);
        }
        return table;
    }
}
