namespace ReproBuild.Runtime;

/// <summary>What checking one value against an <see cref="InputField"/> found.</summary>
public enum InputStatus
{
    /// <summary>The value fits the field: its type and every constraint.</summary>
    Valid,

    /// <summary>The value is one of the field's missing-value tokens and the field is not required: the model imputes it.</summary>
    Missing,

    /// <summary>The value breaks a rule: <see cref="InputCheck.Code"/> and <see cref="InputCheck.Message"/> say which.</summary>
    Invalid,
}

/// <summary>
/// The result of checking one value as the build checked the training data's cells: the same codes (RB2001, RB2010,
/// RB2011, RB2013–RB2016) and messages.
/// </summary>
/// <param name="Status">What was found.</param>
/// <param name="Number">For a numeric field, the value as the model reads it (NaN when missing); 0 otherwise.</param>
/// <param name="Code">The RB code of the broken rule; null unless <see cref="InputStatus.Invalid"/>.</param>
/// <param name="Message">One line naming the field, the value and the rule; null unless <see cref="InputStatus.Invalid"/>.</param>
public readonly record struct InputCheck(InputStatus Status, float Number, string? Code, string? Message)
{
    /// <summary>The rule the value broke, in a word: <c>type</c>, <c>required</c>, <c>range</c>, <c>length</c>, <c>pattern</c> or <c>enum</c>; null when valid or missing.</summary>
    public string? Rule => Code switch
    {
        null => null,
        ErrorCodes.RequiredValueMissing => "required",
        ErrorCodes.RangeViolation => "range",
        ErrorCodes.LengthViolation => "length",
        ErrorCodes.PatternViolation => "pattern",
        ErrorCodes.EnumViolation => "enum",
        _ => "type",
    };

    internal static InputCheck Valid(float number) => new(InputStatus.Valid, number, null, null);

    internal static InputCheck Invalid(string code, string message) => new(InputStatus.Invalid, 0, code, message);
}
