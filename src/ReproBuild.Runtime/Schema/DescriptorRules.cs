namespace ReproBuild.Runtime.Schema;

/// <summary>Small reading helpers shared by the schema, field and constraint readers: each reports at the offending token.</summary>
internal static class DescriptorRules
{
    /// <summary>Properties that only document: never validated, never warned about.</summary>
    public static bool IsDocumentation(string name) => name is "title" or "description" or "example";

    public static void Invalid(DescriptorNode at, string message) => at.Document.Fail(ErrorCodes.InvalidSchema, message, at.Start);

    public static void Invalid(DescriptorProperty at, string message) => at.Value.Document.Fail(ErrorCodes.InvalidSchema, message, at.NameStart);

    public static void Unsupported(DescriptorProperty property) =>
        property.Value.Document.Warn(ErrorCodes.UnsupportedSchemaProperty, $"{property.Path} is not supported and is ignored.", property.NameStart);

    public static string? ReadString(DescriptorProperty property)
    {
        if (property.Value.IsString)
        {
            return property.Value.Text;
        }
        Invalid(property.Value, $"{property.Path} must be a string, not {property.Value.KindName}.");
        return null;
    }

    public static bool? ReadBoolean(DescriptorProperty property)
    {
        if (property.Value.IsBoolean)
        {
            return property.Value.Kind == System.Text.Json.JsonValueKind.True;
        }
        Invalid(property.Value, $"{property.Path} must be true or false, not {property.Value.KindName}.");
        return null;
    }

    /// <summary>An array of strings; null (reported) when it is not one.</summary>
    public static List<string>? ReadStrings(DescriptorProperty property) =>
        ReadTextArray(property, item => item.IsString ? item.Text : null, "a string");

    /// <summary>missingValues: an array of strings, or (v2) of objects with a string "value" and an optional "label".</summary>
    public static MissingValues? ReadMissingValues(DescriptorProperty property) =>
        ReadTextArray(property, item => item.IsString ? item.Text : item.IsObject && item["value"] is { IsString: true } value ? value.Text : null, "a string or an object with a string 'value'") is { } values
            ? new MissingValues(values)
            : null;

    /// <summary>An array whose every item gives a text; each item that does not is reported, and the result is then null.</summary>
    private static List<string>? ReadTextArray(DescriptorProperty property, Func<DescriptorNode, string?> text, string expected)
    {
        if (!property.Value.IsArray)
        {
            Invalid(property.Value, $"{property.Path} must be an array of strings, not {property.Value.KindName}.");
            return null;
        }
        var values = new List<string>();
        var ok = true;
        foreach (var item in property.Value.Items)
        {
            if (text(item) is { } value)
            {
                values.Add(value);
            }
            else
            {
                Invalid(item, $"{item.Path} must be {expected}, not {item.KindName}.");
                ok = false;
            }
        }
        return ok ? values : null;
    }
}
