using ReproBuild.Runtime.Data;

namespace ReproBuild.Runtime.Schema;

/// <summary>One field of a <see cref="TableSchema"/>: its name, type and format, and the checking of one cell.</summary>
internal sealed class SchemaField
{
    private readonly FieldType _type;
    private readonly FieldConstraints? _constraints;
    private readonly ConstraintShortcut? _shortcut;
    private readonly MissingValues _missing;

    internal SchemaField(string name, string type, FieldType fieldType, bool required, bool unique, MissingValues missing, FieldConstraints? constraints)
    {
        Name = name;
        Type = type;
        _type = fieldType;
        Required = required;
        Unique = unique;
        _missing = missing;
        _constraints = constraints is { IsEmpty: false } ? constraints : null;
        _shortcut = _constraints is null ? null : ConstraintShortcut.For(_constraints, fieldType);
    }

    public string Name { get; }

    /// <summary>The type as declared; <c>any</c> when the descriptor gives none.</summary>
    public string Type { get; }

    /// <summary>The format as declared (without a v0 <c>fmt:</c> prefix); <c>default</c> when the descriptor gives none.</summary>
    public string Format => _type.Format;

    /// <summary>constraints.required. Not checked by <see cref="Check(ReadOnlySpan{char})"/>: a missing cell reports <see cref="CellStatus.Missing"/>.</summary>
    public bool Required { get; }

    /// <summary>constraints.unique. Not checked by <see cref="Check(ReadOnlySpan{char})"/>: compare <see cref="CellCheck.Key"/>s.</summary>
    public bool Unique { get; }

    /// <summary>Training column type: true for number, integer and year (ML.NET gets floats), false for everything else (text, one-hot).</summary>
    public bool IsNumeric => _type.IsNumeric;

    /// <summary>The tokens that mark a missing value in this field (its own missingValues, else the schema's).</summary>
    public IReadOnlyList<string> MissingValues => _missing.Values;

    /// <summary>
    /// Checks one raw cell (already unescaped, as in the file). Missing values (field-level missingValues, else
    /// schema-level, default [""]) give Missing and skip everything else, including the type. Otherwise a value that
    /// cannot be cast to the type gives TypeError and skips constraints; else the first failing constraint gives
    /// ConstraintError; else Valid.
    /// </summary>
    public CellCheck Check(ReadOnlySpan<char> value) => Check(value, withKey: true);

    /// <summary>
    /// As <see cref="Check(ReadOnlySpan{char})"/>; with <paramref name="withKey"/> false the result has no
    /// <see cref="CellCheck.Key"/>, which saves a string per cell for fields that are in no key.
    /// </summary>
    public CellCheck Check(ReadOnlySpan<char> value, bool withKey)
    {
        if (_missing.Contains(value))
        {
            return CellCheck.Missing;
        }
        if (!_type.TryCast(value, out var cast))
        {
            return new CellCheck(
                CellStatus.TypeError,
                ErrorCodes.FieldTypeError,
                $"field '{Name}' value '{CellText.Truncate(value)}' {_type.Expectation}.",
                null,
                null);
        }
        var number = _type.ToNumber(cast);
        var key = withKey ? _type.Key(value, cast) : null;
        if (_constraints is not null && _shortcut?.Meets(value, cast) != true && _constraints.TryFindViolation(this, _type, value, cast, out var code, out var message))
        {
            return new CellCheck(CellStatus.ConstraintError, code, message, number, key);
        }
        return new CellCheck(CellStatus.Valid, null, null, number, key);
    }

    public override string ToString() => $"{Name} ({Type})";
}
