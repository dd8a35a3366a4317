using System.Text.Json;

namespace ReproBuild.Runtime.Schema;

/// <summary>Builds a field's <see cref="FieldType"/> from its type name, format and type options, reporting bad ones.</summary>
internal static class FieldTypeFactory
{
    /// <summary>The type, or null after reporting an unknown format or a bad option.</summary>
    public static FieldType? Create(DescriptorNode field, string typeName, bool typeDeclared, string format, DescriptorNode? formatNode)
    {
        switch (typeName)
        {
            case "string":
                return Formats(formatNode, typeName, format, StringFieldType.Formats) ? new StringFieldType(format) : null;
            case "any" when !typeDeclared:
                return Formats(formatNode, typeName, format, StringFieldType.Formats) ? new StringFieldType(format, "any") : null;
            case "any":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new AnyFieldType() : null;
            case "number":
            {
                var syntax = ReadNumberSyntax(field, allowDecimal: true);
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) && syntax is not null ? new NumberFieldType(syntax) : null;
            }
            case "integer":
            {
                var syntax = ReadNumberSyntax(field, allowDecimal: false);
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) && syntax is not null ? new IntegerFieldType(syntax) : null;
            }
            case "boolean":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? ReadBoolean(field) : null;
            case "date" or "time" or "datetime":
                return CreateTemporal(typeName, format, formatNode);
            case "year":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new YearFieldType() : null;
            case "yearmonth":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new YearMonthFieldType() : null;
            case "duration":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new DurationFieldType() : null;
            case "object":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new JsonFieldType(JsonValueKind.Object) : null;
            case "array":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? new JsonFieldType(JsonValueKind.Array) : null;
            case "list":
                return Formats(formatNode, typeName, format, [FieldType.DefaultFormat]) ? ReadList(field) : null;
            case "geopoint":
                return Formats(formatNode, typeName, format, GeoPointFieldType.Formats) ? new GeoPointFieldType(format) : null;
            case "geojson":
                return Formats(formatNode, typeName, format, GeoJsonFieldType.Formats) ? new GeoJsonFieldType(format) : null;
            default:
                return null;
        }
    }

    private static bool Formats(DescriptorNode? formatNode, string typeName, string format, string[] formats)
    {
        if (formats.Contains(format, StringComparer.Ordinal))
        {
            return true;
        }
        DescriptorRules.Invalid(formatNode!, $"unknown format '{format}' for type {typeName}; its formats are: {string.Join(", ", formats)}.");
        return false;
    }

    private static FieldType? CreateTemporal(string typeName, string format, DescriptorNode? formatNode)
    {
        StrptimePattern? pattern = null;
        if (format is not (FieldType.DefaultFormat or TemporalFieldType.AnyFormat))
        {
            pattern = StrptimePattern.TryCompile(format, out var error);
            if (pattern is null)
            {
                DescriptorRules.Invalid(
                    formatNode!,
                    $"unknown format '{format}' for type {typeName}: {error}; use 'default', 'any' or a strptime pattern such as '%d/%m/%Y'.");
                return null;
            }
        }
        return typeName switch
        {
            "date" => new DateFieldType(format, pattern),
            "time" => new TimeFieldType(format, pattern),
            _ => new DateTimeFieldType(format, pattern),
        };
    }

    private static NumberSyntax? ReadNumberSyntax(DescriptorNode field, bool allowDecimal)
    {
        var ok = true;
        var decimalChar = ".";
        var groupChar = "";
        var bareNumber = true;
        if (allowDecimal && field.Property("decimalChar") is { } decimalProperty)
        {
            if (NonEmptyString(decimalProperty) is { } value)
            {
                decimalChar = value;
            }
            else
            {
                ok = false;
            }
        }
        if (field.Property("groupChar") is { } groupProperty)
        {
            if (DescriptorRules.ReadString(groupProperty) is { } value)
            {
                groupChar = value;
            }
            else
            {
                ok = false;
            }
        }
        if (field.Property("bareNumber") is { } bareProperty)
        {
            if (DescriptorRules.ReadBoolean(bareProperty) is { } value)
            {
                bareNumber = value;
            }
            else
            {
                ok = false;
            }
        }
        if (ok && groupChar == decimalChar)
        {
            DescriptorRules.Invalid(field.Property("groupChar")!.Value, $"groupChar and decimalChar are both '{groupChar}'; they must differ.");
            ok = false;
        }
        return ok ? new NumberSyntax(decimalChar, groupChar, bareNumber) : null;
    }

    /// <summary>A string that must not be empty (decimalChar, delimiter); null after reporting.</summary>
    private static string? NonEmptyString(DescriptorProperty property)
    {
        var value = DescriptorRules.ReadString(property);
        if (value is { Length: 0 })
        {
            DescriptorRules.Invalid(property.Value, $"{property.Path} must not be empty.");
            return null;
        }
        return value;
    }

    private static BooleanFieldType? ReadBoolean(DescriptorNode field)
    {
        IReadOnlyList<string>? trueValues = BooleanFieldType.DefaultTrueValues;
        IReadOnlyList<string>? falseValues = BooleanFieldType.DefaultFalseValues;
        if (field.Property("trueValues") is { } trueProperty)
        {
            trueValues = DescriptorRules.ReadStrings(trueProperty);
        }
        if (field.Property("falseValues") is { } falseProperty)
        {
            falseValues = DescriptorRules.ReadStrings(falseProperty);
        }
        if (trueValues is null || falseValues is null)
        {
            return null;
        }
        if (trueValues.Intersect(falseValues, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            DescriptorRules.Invalid(field.Property("falseValues")?.Value ?? field.Property("trueValues")!.Value, $"'{both}' is both a trueValue and a falseValue.");
            return null;
        }
        return new BooleanFieldType(trueValues, falseValues);
    }

    private static ListFieldType? ReadList(DescriptorNode field)
    {
        var delimiter = ",";
        FieldType itemType = new StringFieldType(FieldType.DefaultFormat);
        var ok = true;
        if (field.Property("delimiter") is { } delimiterProperty)
        {
            if (NonEmptyString(delimiterProperty) is { } value)
            {
                delimiter = value;
            }
            else
            {
                ok = false;
            }
        }
        if (field.Property("itemType") is { } itemProperty && DescriptorRules.ReadString(itemProperty) is { } item)
        {
            FieldType? parsed = item switch
            {
                "string" => new StringFieldType(FieldType.DefaultFormat),
                "integer" => new IntegerFieldType(NumberSyntax.Default),
                "number" => new NumberFieldType(NumberSyntax.Default),
                "boolean" => new BooleanFieldType(BooleanFieldType.DefaultTrueValues, BooleanFieldType.DefaultFalseValues),
                "date" => new DateFieldType(FieldType.DefaultFormat, null),
                "time" => new TimeFieldType(FieldType.DefaultFormat, null),
                "datetime" => new DateTimeFieldType(FieldType.DefaultFormat, null),
                _ => null,
            };
            if (parsed is null)
            {
                DescriptorRules.Invalid(itemProperty.Value, $"itemType '{item}' is not one of: {string.Join(", ", ListFieldType.ItemTypes)}.");
                ok = false;
            }
            else
            {
                itemType = parsed;
            }
        }
        else if (field.Property("itemType") is not null)
        {
            ok = false;
        }
        return ok ? new ListFieldType(delimiter, itemType) : null;
    }
}
