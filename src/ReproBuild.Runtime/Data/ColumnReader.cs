namespace ReproBuild.Runtime.Data;

/// <summary>
/// How one column's cells are read into a table: as numbers or text, and which cells are missing. Without a
/// schema ReproBuild's own rules apply (<see cref="Number"/>, <see cref="Text"/>); a Table Schema field brings its
/// own (decimal and group characters, missing-value tokens), so training reads a cell exactly as validation did.
/// </summary>
internal abstract class ColumnReader
{
    public static readonly ColumnReader Number = new DefaultReader(numeric: true);

    public static readonly ColumnReader Text = new DefaultReader(numeric: false);

    public abstract bool IsNumeric { get; }

    public abstract bool IsMissing(ReadOnlySpan<char> cell);

    /// <summary>Reads a numeric column's cell in one pass: a missing cell gives NaN; false when the cell is not a number.</summary>
    public abstract bool TryReadNumber(ReadOnlySpan<char> cell, out float value);

    private sealed class DefaultReader(bool numeric) : ColumnReader
    {
        public override bool IsNumeric => numeric;

        public override bool IsMissing(ReadOnlySpan<char> cell) => DelimitedFile.IsMissing(cell);

        public override bool TryReadNumber(ReadOnlySpan<char> cell, out float value)
        {
            if (DelimitedFile.IsMissing(cell))
            {
                value = float.NaN;
                return true;
            }
            return DelimitedFile.TryParseNumber(cell, out value);
        }
    }
}
