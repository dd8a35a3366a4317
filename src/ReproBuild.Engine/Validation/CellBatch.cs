using nietras.SeparatedValues;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// A block of rows copied out of the reader, cell by cell, so that several threads can check different columns of
/// the same rows while the reader's own buffer moves on.
/// </summary>
internal sealed class CellBatch(int columns, int capacity = 4096)
{
    private readonly int[] _lines = new int[capacity];
    private readonly int[] _starts = new int[capacity * columns + 1];
    private char[] _text = new char[capacity * columns * 12];

    public int Columns { get; } = columns;

    public int Rows { get; private set; }

    public bool IsFull => Rows == capacity;

    /// <summary>The key each checked cell gave, for primary and unique keys: <c>[row * Columns + column]</c>.</summary>
    public string?[] Keys { get; } = new string?[capacity * columns];

    public void Add(SepReader.Row row, int line)
    {
        var cell = Rows * Columns;
        var position = _starts[cell];
        for (var i = 0; i < Columns; i++)
        {
            var span = row[i].Span;
            if (position + span.Length > _text.Length)
            {
                Array.Resize(ref _text, Math.Max(_text.Length * 2, position + span.Length));
            }
            span.CopyTo(_text.AsSpan(position));
            position += span.Length;
            _starts[cell + i + 1] = position;
        }
        _lines[Rows++] = line;
    }

    public int Line(int row) => _lines[row];

    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var cell = row * Columns + column;
        return _text.AsSpan(_starts[cell], _starts[cell + 1] - _starts[cell]);
    }

    public void Clear() => Rows = 0;
}
