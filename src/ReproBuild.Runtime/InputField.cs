using ReproBuild.Runtime.Data;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Runtime;

/// <summary>
/// One column a model takes, with the rules its training data was checked against: the Table Schema field when the
/// dataset had a schema (type, format, missing values, constraints), else the build's own rule for an inferred
/// column (a number or text). Immutable: one field checks values from several threads at once.
/// </summary>
public sealed class InputField
{
    private readonly SchemaField? _schemaField;

    internal InputField(string name, bool isNumeric, SchemaField? schemaField)
    {
        Name = name;
        IsNumeric = isNumeric;
        _schemaField = schemaField;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The model reads the column as a number (a float); otherwise as text.</summary>
    public bool IsNumeric { get; }

    /// <summary>The Table Schema type (<c>number</c>, <c>integer</c>, <c>string</c>, <c>date</c>, …); without a schema <c>number</c> or <c>string</c>, as inferred.</summary>
    public string Type => _schemaField?.Type ?? (IsNumeric ? "number" : "string");

    /// <summary>The Table Schema format; <c>default</c> when none, or without a schema.</summary>
    public string Format => _schemaField?.Format ?? "default";

    /// <summary>The schema's <c>required</c> constraint: a missing value is an error rather than imputed.</summary>
    public bool Required => _schemaField?.Required ?? false;

    /// <summary>The field's rules come from a Table Schema (constraints included), not from type inference.</summary>
    public bool HasSchema => _schemaField is not null;

    /// <summary>
    /// Checks one value as it would be written in the data file (a number in invariant culture, or text), with the
    /// rules of the build: a missing-value token is missing (an error when the field is required); otherwise the
    /// value must cast to the field's type and meet its constraints.
    /// </summary>
    public InputCheck Check(ReadOnlySpan<char> value)
    {
        if (_schemaField is { } field)
        {
            var check = field.Check(value, withKey: false);
            return check.Status switch
            {
                CellStatus.Missing when field.Required => Missing(),
                CellStatus.Missing => new InputCheck(InputStatus.Missing, IsNumeric ? float.NaN : 0, null, null),
                CellStatus.Valid => InputCheck.Valid(IsNumeric ? (float)(check.Number ?? double.NaN) : 0),
                _ => InputCheck.Invalid(check.Code!, check.Message!),
            };
        }
        if (DelimitedFile.IsMissing(value))
        {
            return new InputCheck(InputStatus.Missing, IsNumeric ? float.NaN : 0, null, null);
        }
        if (!IsNumeric)
        {
            return InputCheck.Valid(0);
        }
        return DelimitedFile.TryParseNumber(value, out var number)
            ? InputCheck.Valid(number)
            : InputCheck.Invalid(ErrorCodes.NonNumericValue, $"value '{CellText.Truncate(value)}' in numeric column '{Name}' is not a number.");
    }

    /// <summary>The check of a value that is not there at all (JSON null): missing, an error when the field is required.</summary>
    public InputCheck CheckMissing() =>
        Required ? Missing() : new InputCheck(InputStatus.Missing, IsNumeric ? float.NaN : 0, null, null);

    private InputCheck Missing() => InputCheck.Invalid(ErrorCodes.RequiredValueMissing, $"field '{Name}' is required, but the value is missing.");

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type})";
}
