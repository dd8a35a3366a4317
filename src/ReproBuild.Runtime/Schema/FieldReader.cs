using System.Text.Json;

namespace ReproBuild.Runtime.Schema;

/// <summary>Reads one field descriptor: name, type, format, type options, missingValues, categories and constraints.</summary>
internal static class FieldReader
{
    public static readonly string[] Types =
        ["string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

    /// <summary>The type-specific properties, and the types they belong to.</summary>
    private static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["decimalChar"] = ["number"],
        ["groupChar"] = ["number", "integer"],
        ["bareNumber"] = ["number", "integer"],
        ["trueValues"] = ["boolean"],
        ["falseValues"] = ["boolean"],
        ["delimiter"] = ["list"],
        ["itemType"] = ["list"],
        ["categoriesOrdered"] = ["string", "integer"],
    };

    /// <summary>The field, or null after reporting its errors; <paramref name="nameNode"/> is its name when it has a string one.</summary>
    public static SchemaField? Read(DescriptorNode node, MissingValues schemaMissing, IEnumerable<string> primaryKey, out DescriptorNode? nameNode)
    {
        nameNode = null;
        if (!node.IsObject)
        {
            DescriptorRules.Invalid(node, $"{node.Path} must be a field descriptor (an object), not {node.KindName}.");
            return null;
        }
        var document = node.Document;
        var errorsBefore = document.ErrorCount;

        switch (node.Property("name"))
        {
            case null:
                DescriptorRules.Invalid(node, $"{node.Path} has no 'name'; every field needs one.");
                break;
            case { Value.IsString: true } nameProperty:
                nameNode = nameProperty.Value;
                break;
            case var nameProperty:
                DescriptorRules.Invalid(nameProperty.Value, $"{nameProperty.Path} must be a string, not {nameProperty.Value.KindName}.");
                break;
        }

        // A field without a type is 'any' (v2); it still takes the string constraints v1 (where the default was 'string') allowed.
        var typeName = "any";
        var typeDeclared = false;
        var typeKnown = true;
        if (node.Property("type") is { } typeProperty)
        {
            if (DescriptorRules.ReadString(typeProperty) is { } declared)
            {
                typeName = declared;
                typeDeclared = true;
                if (!Types.Contains(declared, StringComparer.Ordinal))
                {
                    DescriptorRules.Invalid(typeProperty.Value, $"unknown type '{declared}'; Table Schema types are: {string.Join(", ", Types)}.");
                    typeKnown = false;
                }
            }
            else
            {
                typeKnown = false;
            }
        }

        var format = FieldType.DefaultFormat;
        DescriptorNode? formatNode = null;
        if (node.Property("format") is { } formatProperty && DescriptorRules.ReadString(formatProperty) is { } declaredFormat)
        {
            format = declaredFormat.StartsWith("fmt:", StringComparison.Ordinal) ? declaredFormat[4..] : declaredFormat;
            formatNode = formatProperty.Value;
        }

        var missing = schemaMissing;
        if (node.Property("missingValues") is { } missingProperty)
        {
            missing = DescriptorRules.ReadMissingValues(missingProperty) ?? missing;
        }

        FieldType? type = null;
        if (typeKnown)
        {
            type = FieldTypeFactory.Create(node, typeName, typeDeclared, format, formatNode);
        }

        var constraints = new FieldConstraints();
        var required = false;
        var unique = false;
        foreach (var property in node.Properties)
        {
            switch (property.Name)
            {
                case "name" or "type" or "format" or "missingValues":
                    break;
                case var documentation when DescriptorRules.IsDocumentation(documentation):
                    break;
                case "constraints":
                    if (type is not null)
                    {
                        ConstraintReader.Read(property, type, constraints, ref required, ref unique);
                    }
                    break;
                case "categories":
                    if (type is null)
                    {
                        break;
                    }
                    if (!type.HasCategories)
                    {
                        document.Fail(ErrorCodes.ConstraintNotApplicable, $"categories does not apply to a field of type {typeName} (only to string and integer).", property.NameStart);
                        break;
                    }
                    constraints.Categories = ConstraintReader.ReadCategories(property, type);
                    break;
                case var option when Options.TryGetValue(option, out var owners):
                    if (typeKnown && !owners.Contains(typeName, StringComparer.Ordinal))
                    {
                        document.Warn(
                            ErrorCodes.UnsupportedSchemaProperty,
                            $"{property.Path} does not apply to a field of type {typeName} and is ignored.",
                            property.NameStart);
                    }
                    break;
                default:
                    // rdfType and anything unknown.
                    DescriptorRules.Unsupported(property);
                    break;
            }
        }

        if (type is null || nameNode is null || document.ErrorCount != errorsBefore)
        {
            return null;
        }
        var fieldName = nameNode.Text!;
        return new SchemaField(fieldName, typeName, type, required || primaryKey.Contains(fieldName, StringComparer.Ordinal), unique, missing, constraints);
    }
}
