using System.Text.RegularExpressions;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Runtime.Schema;

/// <summary>A bound as its cast value and as written in the descriptor (for messages).</summary>
internal readonly record struct Bound(CellValue Value, string Display);

/// <summary>
/// The constraints of one field that can be checked on a single cast value, in the order they are tested:
/// minLength, maxLength, pattern, minimum, exclusiveMinimum, maximum, exclusiveMaximum, enum, categories.
/// (required and unique need the row and the table: the validator checks those.)
/// </summary>
internal sealed class FieldConstraints
{
    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    /// <summary>The pattern compiled once, anchored to the whole value.</summary>
    public Regex? Pattern { get; set; }

    public string? PatternText { get; set; }

    public Bound? Minimum { get; set; }

    public Bound? ExclusiveMinimum { get; set; }

    public Bound? Maximum { get; set; }

    public Bound? ExclusiveMaximum { get; set; }

    public ValueSet? Enum { get; set; }

    public ValueSet? Categories { get; set; }

    public bool IsEmpty =>
        MinLength is null && MaxLength is null && Pattern is null && Minimum is null && ExclusiveMinimum is null &&
        Maximum is null && ExclusiveMaximum is null && Enum is null && Categories is null;

    /// <summary>Finds the first constraint <paramref name="text"/> (cast to <paramref name="value"/>) breaks.</summary>
    public bool TryFindViolation(SchemaField field, FieldType type, ReadOnlySpan<char> text, in CellValue value, out string code, out string message)
    {
        code = "";
        message = "";
        if (MinLength is not null || MaxLength is not null)
        {
            var length = type.Length(text, value);
            if (length < MinLength)
            {
                code = ErrorCodes.LengthViolation;
                message = $"{Start(field, text)} is shorter than minLength {MinLength} ({Count(type, length)}).";
                return true;
            }
            if (length > MaxLength)
            {
                code = ErrorCodes.LengthViolation;
                message = $"{Start(field, text)} is longer than maxLength {MaxLength} ({Count(type, length)}).";
                return true;
            }
        }
        if (Pattern is not null && !Matches(Pattern, text))
        {
            code = ErrorCodes.PatternViolation;
            message = $"{Start(field, text)} does not match pattern '{PatternText}'.";
            return true;
        }
        if (type.Order == ValueOrder.Double && double.IsNaN(value.Double) &&
            (Minimum ?? ExclusiveMinimum ?? Maximum ?? ExclusiveMaximum) is { } any)
        {
            code = ErrorCodes.RangeViolation;
            message = $"{Start(field, text)} is not a number, so it is not within the bound {any.Display}.";
            return true;
        }
        if (Minimum is { } minimum && type.Compare(value, minimum.Value) < 0)
        {
            code = ErrorCodes.RangeViolation;
            message = $"{Start(field, text)} is below minimum {minimum.Display}.";
            return true;
        }
        if (ExclusiveMinimum is { } exclusiveMinimum && type.Compare(value, exclusiveMinimum.Value) <= 0)
        {
            code = ErrorCodes.RangeViolation;
            message = $"{Start(field, text)} is not above exclusiveMinimum {exclusiveMinimum.Display}.";
            return true;
        }
        if (Maximum is { } maximum && type.Compare(value, maximum.Value) > 0)
        {
            code = ErrorCodes.RangeViolation;
            message = $"{Start(field, text)} is above maximum {maximum.Display}.";
            return true;
        }
        if (ExclusiveMaximum is { } exclusiveMaximum && type.Compare(value, exclusiveMaximum.Value) >= 0)
        {
            code = ErrorCodes.RangeViolation;
            message = $"{Start(field, text)} is not below exclusiveMaximum {exclusiveMaximum.Display}.";
            return true;
        }
        if (Enum is not null && !Enum.Contains(text, value))
        {
            code = ErrorCodes.EnumViolation;
            message = $"{Start(field, text)} is not one of the enum values {Enum.Describe()}.";
            return true;
        }
        if (Categories is not null && !Categories.Contains(text, value))
        {
            code = ErrorCodes.EnumViolation;
            message = $"{Start(field, text)} is not one of the categories {Categories.Describe()}.";
            return true;
        }
        return false;
    }

    // A pattern that needs backtracking has a match timeout; a value it cannot decide in time does not match.
    internal static bool Matches(Regex pattern, ReadOnlySpan<char> text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Start(SchemaField field, ReadOnlySpan<char> text) => $"field '{field.Name}' value '{CellText.Truncate(text)}'";

    private static string Count(FieldType type, int length) => type.Name switch
    {
        "list" => length == 1 ? "1 item" : $"{length} items",
        "array" => length == 1 ? "1 element" : $"{length} elements",
        "object" => length == 1 ? "1 property" : $"{length} properties",
        _ => length == 1 ? "1 character" : $"{length} characters",
    };
}
