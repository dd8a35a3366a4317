using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// A column described by a Table Schema field. The field casts the cell and checks its constraints; this adds
/// what needs the whole column — <c>required</c> and <c>unique</c> — and the profile.
/// </summary>
/// <param name="keyed">Whether the column is part of a primary or unique key, so its cells' keys are needed.</param>
internal sealed class SchemaColumn(SchemaField field, bool keyed) : ColumnCheck(field.Name)
{
    private readonly bool _withKey = keyed || field.Unique;

    private readonly Dictionary<string, int>? _seen = field.Unique ? new(StringComparer.Ordinal) : null;

    public SchemaField Field { get; } = field;

    public override string Type => Field.IsNumeric ? ColumnSummary.Number : ColumnSummary.Text;

    public override string? Check(ReadOnlySpan<char> cell, int line, int column, IFindings findings)
    {
        var check = Field.Check(cell, _withKey);
        switch (check.Status)
        {
            case CellStatus.Missing:
                Profiler.AddMissing();
                if (Field.Required)
                {
                    findings.Error(ErrorCodes.RequiredValueMissing, $"field '{Name}' is required, but this row has no value.", line, column);
                }
                return null;
            case CellStatus.TypeError:
            case CellStatus.ConstraintError:
                findings.Error(check.Code!, check.Message!, line, column);
                return null;
        }

        if (check.Number is { } number)
        {
            Profiler.AddNumber(number, cell);
        }
        else
        {
            Profiler.AddText(cell);
        }
        if (_seen is not null && check.Key is { } key && !_seen.TryAdd(key, line))
        {
            findings.Error(ErrorCodes.UniqueViolation, $"field '{Name}' value '{CellText.Truncate(cell)}' is not unique: it is also on line {_seen[key]}.", line, column);
        }
        return check.Key;
    }
}
