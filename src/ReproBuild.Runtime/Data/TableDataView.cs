using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// An <see cref="IDataView"/> over in-memory columns. ReproBuild parses data with its own reader (one parser for
/// checking and training), and hands ML.NET typed columns in file order; the row order is fixed, so every
/// seeded split and trainer sees the same sequence on every machine.
/// </summary>
internal sealed class TableDataView : IDataView
{
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly int _rowCount;

    public TableDataView(IReadOnlyList<TableColumn> columns, int rowCount)
    {
        _columns = columns;
        _rowCount = rowCount;
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
        {
            builder.AddColumn(column.Name, column.Type);
        }
        Schema = builder.ToSchema();
    }

    public TableDataView(Table table)
        : this(table.Columns, table.RowCount)
    {
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly TableDataView _view;
        private readonly bool[] _active;
        private int _position = -1;

        public Cursor(TableDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view._columns.Count];
            foreach (var column in columnsNeeded)
            {
                _active[column.Index] = true;
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rowCount)
            {
                _position = _view._rowCount;
                return false;
            }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested by the cursor.");
            }
            return _view._columns[column.Index].CreateGetter<TValue>(() => _position);
        }
    }
}
