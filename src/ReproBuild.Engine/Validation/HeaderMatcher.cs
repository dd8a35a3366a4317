using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// Maps the file's columns to the schema's fields as its <c>fieldsMatch</c> says: <c>exact</c> by position,
/// the others by name — <c>equal</c> the same fields, <c>subset</c> the data may have more, <c>superset</c> the
/// data may have fewer, <c>partial</c> at least one in common. Every mismatch is an error at the header.
/// </summary>
internal static class HeaderMatcher
{
    public static ColumnCheck[] Match(TableSchema schema, string[] header, int line, FindingLimiter findings)
    {
        var fields = schema.Fields;
        var keyed = schema.PrimaryKey.Concat(schema.UniqueKeys.SelectMany(k => k)).ToHashSet(StringComparer.Ordinal);
        if (schema.FieldsMatch == FieldsMatch.Exact)
        {
            for (var i = 0; i < Math.Max(header.Length, fields.Count); i++)
            {
                var column = i < header.Length ? header[i] : null;
                var field = i < fields.Count ? fields[i].Name : null;
                if (column != field)
                {
                    var message = (column, field) switch
                    {
                        (null, _) => $"the header has no column {i + 1}; the schema's field {i + 1} is '{field}'.",
                        (_, null) => $"column {i + 1} '{column}' is not in the schema, which has {fields.Count} fields.",
                        _ => $"column {i + 1} is '{column}', but the schema's field {i + 1} is '{field}' (fieldsMatch exact maps fields by position).",
                    };
                    findings.Error(ErrorCodes.FieldsMismatch, message, line, Math.Min(i, header.Length) + 1);
                }
            }
            return header.Select((name, i) => i < fields.Count ? (ColumnCheck)new SchemaColumn(fields[i], keyed.Contains(fields[i].Name)) : new UncheckedColumn(name)).ToArray();
        }

        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var extraAllowed = schema.FieldsMatch is FieldsMatch.Subset or FieldsMatch.Partial;
        var missingAllowed = schema.FieldsMatch is FieldsMatch.Superset or FieldsMatch.Partial;
        var mode = schema.FieldsMatch.ToString().ToLowerInvariant();
        for (var i = 0; i < header.Length; i++)
        {
            if (!byName.ContainsKey(header[i]) && !extraAllowed)
            {
                findings.Error(ErrorCodes.FieldsMismatch, $"column '{header[i]}' is not a field of the schema (fieldsMatch {mode}).", line, i + 1);
            }
        }
        foreach (var field in fields)
        {
            if (!header.Contains(field.Name) && !missingAllowed)
            {
                findings.Error(ErrorCodes.FieldsMismatch, $"the schema's field '{field.Name}' is not in the header (fieldsMatch {mode}).", line, 1);
            }
        }
        if (schema.FieldsMatch == FieldsMatch.Partial && !header.Any(byName.ContainsKey))
        {
            findings.Error(ErrorCodes.FieldsMismatch, "no column of the header is a field of the schema (fieldsMatch partial needs at least one).", line, 1);
        }
        return header.Select(name => byName.TryGetValue(name, out var field) ? (ColumnCheck)new SchemaColumn(field, keyed.Contains(field.Name)) : new UncheckedColumn(name)).ToArray();
    }
}
