using nietras.SeparatedValues;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Data;

/// <summary>
/// The table an inspection builds from the rows it reads anyway, when the build trains a model on the dataset next in
/// the same engine process (<see cref="InspectedTables"/>): cells are read as training reads them
/// (<see cref="ColumnReaders"/>) once the column types are known — at the header with a schema, after the first rows
/// without — the rows read before that from the inspection's sample.
/// </summary>
internal sealed class InspectionTable
{
    private TableBuilder? _builder;
    private bool _unusable;

    private InspectionTable()
    {
    }

    /// <summary>A table to build for <paramref name="job"/>, or null when none is wanted: not trained on next, or too large to hold.</summary>
    public static InspectionTable? For(DatasetJob job) =>
        job.KeepTable && new FileInfo(job.DataFile).Length <= InspectedTables.MaxFileBytes ? new InspectionTable() : null;

    /// <summary>With a schema: the columns are read through its fields from the first row on.</summary>
    public void Start(string[] names, TableSchema schema) => _builder = new TableBuilder(names, ColumnReaders.For(schema, _ => null));

    /// <summary>Without a schema: the column types are decided; the rows read so far follow.</summary>
    public void Start(IReadOnlyList<ColumnCheck> columns, IEnumerable<(int Line, string[] Values)> rowsSoFar)
    {
        // Not ToDictionary: a header may name a column twice (a finding, so this table is not kept, but it must not throw).
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            types[column.Name] = column.Type;
        }
        _builder = new TableBuilder(columns.Select(c => c.Name).ToArray(), ColumnReaders.For(null, name => types.GetValueOrDefault(name)));
        foreach (var (line, values) in rowsSoFar)
        {
            _builder.StartRow(line);
            for (var i = 0; i < values.Length; i++)
            {
                _unusable |= !_builder.AddCell(i, values[i]);
            }
        }
    }

    public void Add(SepReader.Row row, int line)
    {
        if (_builder is null)
        {
            return;
        }
        _builder.StartRow(line);
        for (var i = 0; i < row.ColCount; i++)
        {
            _unusable |= !_builder.AddCell(i, row[i].Span);
        }
    }

    /// <summary>Keeps the table for training, for a file inspection found nothing wrong with.</summary>
    public void Keep(DatasetJob job, string sha256)
    {
        if (_builder is not null && !_unusable)
        {
            InspectedTables.Keep(job.DataFile, _builder.Build(job.Name, job.DataFile, sha256));
        }
    }
}
