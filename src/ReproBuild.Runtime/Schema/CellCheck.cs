namespace ReproBuild.Runtime.Schema;

/// <summary>What <see cref="SchemaField.Check(ReadOnlySpan{char})"/> found in one cell.</summary>
internal enum CellStatus
{
    Valid,

    /// <summary>The cell holds one of the field's missing-value tokens; nothing else was checked.</summary>
    Missing,

    /// <summary>The cell cannot be cast to the field's type (and format); constraints were not checked.</summary>
    TypeError,

    /// <summary>The cell was cast, and one of the field's constraints rejects it.</summary>
    ConstraintError,
}

/// <summary>
/// The result of checking one cell against its field.
/// </summary>
/// <param name="Status">What was found.</param>
/// <param name="Code">The RB2xxx code of a type or constraint error; null when the cell is valid or missing.</param>
/// <param name="Message">One line naming the field, the (truncated) value and the rule; null when the cell is valid or missing.</param>
/// <param name="Number">The cast numeric value of number, integer and year fields (boolean as 1 or 0); null otherwise.</param>
/// <param name="Key">A canonical text of the cast value for unique and key comparisons; null when missing, not cast, or not asked for.</param>
internal readonly record struct CellCheck(CellStatus Status, string? Code, string? Message, double? Number, string? Key)
{
    public static readonly CellCheck Missing = new(CellStatus.Missing, null, null, null, null);

    public bool IsValid => Status == CellStatus.Valid;
}
