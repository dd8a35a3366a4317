namespace ReproBuild.Runtime.Schema;

/// <summary>
/// Reads a Table Schema descriptor into a <see cref="TableSchema"/>, reporting every problem (not just the first) at
/// its line and column: errors make the result null; unsupported properties are warnings.
/// </summary>
internal static class SchemaLoader
{
    private static readonly string[] FieldsMatchValues = ["exact", "equal", "subset", "superset", "partial"];

    public static TableSchema? Load(string path, string? resource, SchemaReporter report) =>
        DescriptorDocument.Read(path, report) is { } document ? Load(document, resource, report) : null;

    public static TableSchema? Parse(byte[] json, string name, SchemaReporter report) =>
        DescriptorDocument.Parse(json, name, report) is { } document ? Load(document, null, report) : null;

    private static TableSchema? Load(DescriptorDocument document, string? resource, SchemaReporter report)
    {
        DescriptorNode? root;
        if (resource is not null)
        {
            root = DataPackage.ResolveSchema(document, resource, report);
        }
        else
        {
            root = document.Root;
            if (root.IsObject && root["fields"] is null && root.Property("resources") is { Value.IsArray: true } resources)
            {
                var names = resources.Value.Items.Select(r => r["name"]).Where(n => n is { IsString: true }).Select(n => n!.Text);
                DescriptorRules.Invalid(resources, $"this is a data package, not a Table Schema: name one of its resources ({string.Join(", ", names)}) in the Dataset's Resource metadata.");
                return null;
            }
        }
        return root is null ? null : Read(root);
    }

    private static TableSchema? Read(DescriptorNode root)
    {
        var document = root.Document;
        var errorsBefore = document.ErrorCount;
        if (!root.IsObject)
        {
            DescriptorRules.Invalid(root, $"a Table Schema must be a JSON object, not {root.KindName}.");
            return null;
        }

        var missing = MissingValues.Default;
        if (root.Property("missingValues") is { } missingProperty)
        {
            missing = DescriptorRules.ReadMissingValues(missingProperty) ?? missing;
        }

        var primaryKey = root.Property("primaryKey") is { } primaryKeyProperty ? ReadPrimaryKey(primaryKeyProperty) : [];

        var fields = new List<SchemaField>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Property("fields") is not { } fieldsProperty)
        {
            DescriptorRules.Invalid(root, "a Table Schema must have a 'fields' array.");
        }
        else if (!fieldsProperty.Value.IsArray)
        {
            DescriptorRules.Invalid(fieldsProperty.Value, $"{fieldsProperty.Path} must be an array of field descriptors, not {fieldsProperty.Value.KindName}.");
        }
        else
        {
            foreach (var node in fieldsProperty.Value.Items)
            {
                var field = FieldReader.Read(node, missing, primaryKey.Select(k => k.Name), out var nameNode);
                if (nameNode is not null)
                {
                    var name = nameNode.Text!;
                    if (!names.TryAdd(name, nameNode.Path))
                    {
                        DescriptorRules.Invalid(nameNode, $"field name '{name}' appears more than once (first at {names[name]}).");
                    }
                }
                if (field is not null)
                {
                    fields.Add(field);
                }
            }
        }

        foreach (var (name, node) in primaryKey)
        {
            CheckFieldName(node, name, names, "primaryKey");
        }

        var uniqueKeys = new List<IReadOnlyList<string>>();
        if (root.Property("uniqueKeys") is { } uniqueKeysProperty)
        {
            ReadUniqueKeys(uniqueKeysProperty, names, uniqueKeys);
        }

        var fieldsMatch = FieldsMatch.Exact;
        if (root.Property("fieldsMatch") is { } fieldsMatchProperty && DescriptorRules.ReadString(fieldsMatchProperty) is { } match)
        {
            var index = Array.IndexOf(FieldsMatchValues, match);
            if (index < 0)
            {
                DescriptorRules.Invalid(fieldsMatchProperty.Value, $"fieldsMatch '{match}' is not one of: {string.Join(", ", FieldsMatchValues)}.");
            }
            else
            {
                fieldsMatch = (FieldsMatch)index;
            }
        }

        foreach (var property in root.Properties)
        {
            switch (property.Name)
            {
                case "fields" or "missingValues" or "primaryKey" or "uniqueKeys" or "fieldsMatch":
                case "$schema" or "profile":
                    break;
                case var name when DescriptorRules.IsDocumentation(name):
                    break;
                default:
                    // foreignKeys and anything unknown.
                    DescriptorRules.Unsupported(property);
                    break;
            }
        }

        if (document.ErrorCount != errorsBefore)
        {
            return null;
        }
        return new TableSchema(document.File, fields, primaryKey.Select(k => k.Name).ToArray(), uniqueKeys, fieldsMatch, missing.Values);
    }

    /// <summary>v2: an array of field names; v1 also allowed a single name.</summary>
    private static List<(string Name, DescriptorNode Node)> ReadPrimaryKey(DescriptorProperty property)
    {
        var keys = new List<(string, DescriptorNode)>();
        if (property.Value.IsString)
        {
            keys.Add((property.Value.Text!, property.Value));
        }
        else if (property.Value.IsArray)
        {
            foreach (var item in property.Value.Items)
            {
                if (item.IsString)
                {
                    keys.Add((item.Text!, item));
                }
                else
                {
                    DescriptorRules.Invalid(item, $"{item.Path} must be a field name (a string), not {item.KindName}.");
                }
            }
        }
        else
        {
            DescriptorRules.Invalid(property.Value, $"primaryKey must be an array of field names, not {property.Value.KindName}.");
        }
        return keys;
    }

    private static void ReadUniqueKeys(DescriptorProperty property, Dictionary<string, string> names, List<IReadOnlyList<string>> uniqueKeys)
    {
        if (!property.Value.IsArray)
        {
            DescriptorRules.Invalid(property.Value, $"uniqueKeys must be an array of arrays of field names, not {property.Value.KindName}.");
            return;
        }
        foreach (var key in property.Value.Items)
        {
            IReadOnlyList<DescriptorNode>? parts = key.IsString ? [key] : key.IsArray ? key.Items : null;
            if (parts is null || parts.Count == 0)
            {
                DescriptorRules.Invalid(key, $"{key.Path} must be a non-empty array of field names.");
                continue;
            }
            var fields = new List<string>();
            foreach (var part in parts)
            {
                if (!part.IsString)
                {
                    DescriptorRules.Invalid(part, $"{part.Path} must be a field name (a string), not {part.KindName}.");
                    continue;
                }
                CheckFieldName(part, part.Text!, names, "uniqueKeys");
                fields.Add(part.Text!);
            }
            uniqueKeys.Add(fields);
        }
    }

    private static void CheckFieldName(DescriptorNode node, string name, Dictionary<string, string> names, string where)
    {
        if (!names.ContainsKey(name))
        {
            DescriptorRules.Invalid(node, $"{where} names '{name}', which is not a field of this schema.");
        }
    }
}
