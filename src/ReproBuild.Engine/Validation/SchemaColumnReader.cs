using ReproBuild.Runtime.Schema;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Validation;

/// <summary>Reads a column for training as its schema field casts it (decimal and group characters, missing-value tokens), exactly as validation did.</summary>
internal sealed class SchemaColumnReader(SchemaField schemaField) : ColumnReader
{
    public override bool IsNumeric => schemaField.IsNumeric;

    public override bool IsMissing(ReadOnlySpan<char> cell) => schemaField.Check(cell, withKey: false).Status == CellStatus.Missing;

    public override bool TryReadNumber(ReadOnlySpan<char> cell, out float value)
    {
        var check = schemaField.Check(cell, withKey: false);
        value = check.Number is { } number ? (float)number : float.NaN;
        return check.Number is not null || check.Status == CellStatus.Missing;
    }
}
