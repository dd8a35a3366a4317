using System.Globalization;
using System.Text.RegularExpressions;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// Reads a field's constraints (and v2 categories), checking each applies to the field's type (RB2102 otherwise) and
/// that its value is valid for it (RB2101 otherwise): bounds and enum values are cast with the field's own type,
/// format and options.
/// </summary>
internal static class ConstraintReader
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static void Read(DescriptorProperty constraintsProperty, FieldType type, FieldConstraints constraints, ref bool required, ref bool unique)
    {
        var node = constraintsProperty.Value;
        if (!node.IsObject)
        {
            DescriptorRules.Invalid(node, $"{constraintsProperty.Path} must be an object, not {node.KindName}.");
            return;
        }
        foreach (var property in node.Properties)
        {
            switch (property.Name)
            {
                case "required":
                    required = DescriptorRules.ReadBoolean(property) ?? false;
                    break;
                case "unique":
                    unique = DescriptorRules.ReadBoolean(property) ?? false;
                    break;
                case "minLength" or "maxLength":
                    if (Applies(property, type, type.HasLength, "string, array, object and list"))
                    {
                        var length = ReadLength(property);
                        if (property.Name == "minLength")
                        {
                            constraints.MinLength = length;
                        }
                        else
                        {
                            constraints.MaxLength = length;
                        }
                    }
                    break;
                case "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum":
                    if (Applies(property, type, type.Order != ValueOrder.None, "integer, number, date, time, datetime, duration, year and yearmonth"))
                    {
                        var bound = ReadValue(property.Value, type, property.Name);
                        switch (property.Name)
                        {
                            case "minimum":
                                constraints.Minimum = bound;
                                break;
                            case "maximum":
                                constraints.Maximum = bound;
                                break;
                            case "exclusiveMinimum":
                                constraints.ExclusiveMinimum = bound;
                                break;
                            default:
                                constraints.ExclusiveMaximum = bound;
                                break;
                        }
                    }
                    break;
                case "pattern":
                    if (Applies(property, type, type.HasPattern, "string") && DescriptorRules.ReadString(property) is { } pattern)
                    {
                        constraints.Pattern = Compile(property.Value, pattern);
                        constraints.PatternText = pattern;
                    }
                    break;
                case "enum":
                    constraints.Enum = ReadValues(property, type, "enum");
                    break;
                case "jsonSchema":
                    if (Applies(property, type, type.HasJsonSchema, "array and object"))
                    {
                        DescriptorRules.Unsupported(property);
                    }
                    break;
                default:
                    DescriptorRules.Unsupported(property);
                    break;
            }
        }
        if (constraints.MinLength > constraints.MaxLength)
        {
            DescriptorRules.Invalid(node.Property("minLength")!, $"minLength {constraints.MinLength} is greater than maxLength {constraints.MaxLength}.");
        }
    }

    /// <summary>v2 categories: an array of values, or of objects with a "value" (and an optional string "label").</summary>
    public static ValueSet? ReadCategories(DescriptorProperty property, FieldType type) => ReadValues(property, type, "categories");

    private static bool Applies(DescriptorProperty property, FieldType type, bool applies, string types)
    {
        if (!applies)
        {
            property.Value.Document.Fail(
                ErrorCodes.ConstraintNotApplicable,
                $"constraint {property.Name} does not apply to a field of type {type.Name} (only to {types}).",
                property.NameStart);
        }
        return applies;
    }

    private static int? ReadLength(DescriptorProperty property)
    {
        var node = property.Value;
        if (node.IsNumber && int.TryParse(node.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return length;
        }
        DescriptorRules.Invalid(node, $"{property.Name} must be a non-negative integer, not {node.Display}.");
        return null;
    }

    private static Bound? ReadValue(DescriptorNode node, FieldType type, string constraint)
    {
        if (type.TryCastDescriptorValue(node, out var value, out var text))
        {
            return new Bound(value, text);
        }
        DescriptorRules.Invalid(node, $"{constraint} {node.Display} is not a valid value of the field's type: it {type.Expectation}.");
        return null;
    }

    private static ValueSet? ReadValues(DescriptorProperty property, FieldType type, string what)
    {
        if (!property.Value.IsArray)
        {
            DescriptorRules.Invalid(property.Value, $"{what} must be an array of values, not {property.Value.KindName}.");
            return null;
        }
        var set = new ValueSet(type);
        var ok = true;
        foreach (var item in property.Value.Items)
        {
            var valueNode = item;
            if (what == "categories" && item.IsObject)
            {
                if (item["value"] is not { } inner)
                {
                    DescriptorRules.Invalid(item, $"{item.Path} has no 'value'.");
                    ok = false;
                    continue;
                }
                if (item["label"] is { IsString: false } label)
                {
                    DescriptorRules.Invalid(label, $"{label.Path} must be a string, not {label.KindName}.");
                    ok = false;
                }
                valueNode = inner;
            }
            if (type.TryCastDescriptorValue(valueNode, out var value, out var text))
            {
                set.Add(text, value);
            }
            else
            {
                DescriptorRules.Invalid(valueNode, $"{what} value {valueNode.Display} is not a valid value of the field's type: it {type.Expectation}.");
                ok = false;
            }
        }
        return ok ? set : null;
    }

    /// <summary>
    /// Compiles the pattern once, anchored to the whole value as the reference implementation does. Linear-time
    /// (NonBacktracking) when the pattern allows it; otherwise backtracking with a match timeout.
    /// </summary>
    private static Regex? Compile(DescriptorNode node, string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            DescriptorRules.Invalid(node, $"pattern '{pattern}' is not a valid regular expression: {e.Message}");
            return null;
        }
        var anchored = $"\\A(?:{pattern})\\z";
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
    }
}
