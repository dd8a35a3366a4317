namespace ReproBuild.Runtime.Data;

/// <summary>
/// The columns of a <see cref="Table"/> as rows arrive, each cell read by its column's <see cref="ColumnReader"/>: a
/// numeric cell as a float (NaN when missing), a text cell as its text (empty when missing), equal texts shared. The
/// one way a table is made, whether from its own read of the file (<see cref="TableLoader"/>) or during the engine's
/// inspection of it, so that both give the same table.
/// </summary>
internal sealed class TableBuilder
{
    private readonly string[] _names;
    private readonly ColumnReader[] _readers;
    private readonly List<float>?[] _numbers;
    private readonly List<string>?[] _texts;
    private readonly Dictionary<string, string>?[] _interned;
    private readonly List<int> _lines = [];

    public TableBuilder(string[] names, Func<string, ColumnReader> readerFor)
    {
        _names = names;
        _readers = names.Select(readerFor).ToArray();
        _numbers = _readers.Select(reader => reader.IsNumeric ? new List<float>() : null).ToArray();
        _texts = _readers.Select(reader => reader.IsNumeric ? null : new List<string>()).ToArray();
        _interned = _readers.Select(reader => reader.IsNumeric ? null : new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
    }

    public IReadOnlyList<string> Names => _names;

    /// <summary>Starts a row, which starts on physical line <paramref name="line"/>; its cells follow, in column order.</summary>
    public void StartRow(int line) => _lines.Add(line);

    /// <summary>Adds the cell of column <paramref name="column"/> to the current row.</summary>
    /// <returns>False when the column is numeric and the cell is not a number: the table is then unusable.</returns>
    public bool AddCell(int column, ReadOnlySpan<char> cell)
    {
        if (_numbers[column] is { } numbers)
        {
            if (!_readers[column].TryReadNumber(cell, out var value))
            {
                return false;
            }
            numbers.Add(value);
            return true;
        }
        var text = _readers[column].IsMissing(cell) ? string.Empty : cell.ToString();
        if (!_interned[column]!.TryGetValue(text, out var shared))
        {
            _interned[column]![text] = shared = text;
        }
        _texts[column]!.Add(shared);
        return true;
    }

    public Table Build(string dataset, string file, string sha256)
    {
        var columns = new TableColumn[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            columns[i] = _numbers[i] is { } values
                ? new NumberColumn(_names[i], values.ToArray())
                : new TextColumn(_names[i], _texts[i]!.ToArray());
        }
        return new Table(dataset, file, columns, _lines.ToArray(), sha256);
    }
}
