using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ReproBuild.Runtime;

namespace ReproBuild.Serving;

/// <summary>
/// Reads JSON rows into an <see cref="InputBatch"/>, checking each value as the build checked the training data's
/// cells (<see cref="InputField.Check"/>): a number field takes a JSON number, a text field a JSON string, and null
/// is a missing value. Every problem is recorded with its row and field; nothing is scored unless there are none.
/// </summary>
internal static class RowReader
{
    private const int StackChars = 128;

    /// <summary>Rows as JSON objects keyed by column name.</summary>
    public static void ReadRecords(JsonElement records, InputBatch batch)
    {
        var row = 0;
        foreach (var record in records.EnumerateArray())
        {
            ReadRecord(record, row++, batch);
        }
    }

    /// <summary>One row as a JSON object keyed by column name: every field once, no other.</summary>
    public static void ReadRecord(JsonElement record, int row, InputBatch batch)
    {
        var layout = batch.Layout;
        if (record.ValueKind != JsonValueKind.Object)
        {
            batch.Problem(row, null, "not-an-object", null, $"row {row} is {Describe(record.ValueKind)}, not a JSON object of column names and values.");
            return;
        }
        Span<bool> seen = layout.Fields.Length <= 256 ? stackalloc bool[layout.Fields.Length] : new bool[layout.Fields.Length];
        Span<char> nameBuffer = stackalloc char[StackChars];
        foreach (var property in record.EnumerateObject())
        {
            var field = FieldOf(property, layout, nameBuffer, out var name);
            if (field < 0)
            {
                var unknown = name ?? property.Name;
                batch.Problem(row, unknown, "unknown-field", null, $"row {row} has field '{Printable(unknown)}', which the model does not take. Fields: {string.Join(", ", layout.Fields.Select(f => f.Name))}.");
                continue;
            }
            if (seen[field])
            {
                batch.Problem(row, layout.Fields[field].Name, "duplicate-field", null, $"row {row} gives field '{layout.Fields[field].Name}' more than once.");
                continue;
            }
            seen[field] = true;
            ReadValue(property.Value, row, field, batch);
        }
        for (var field = 0; field < seen.Length; field++)
        {
            if (!seen[field])
            {
                batch.Problem(row, layout.Fields[field].Name, "missing-field", null, $"row {row} lacks field '{layout.Fields[field].Name}' ({layout.Fields[field].Type}); give null for a missing value.");
            }
        }
    }

    /// <summary>
    /// pandas' <c>split</c> orientation: <c>{"columns": [...], "data": [[...], ...]}</c>; the columns must be exactly the
    /// model's fields, in any order. Problems with the columns have no row.
    /// </summary>
    public static void ReadSplit(JsonElement columns, JsonElement data, InputBatch batch)
    {
        var layout = batch.Layout;
        var fieldOfColumn = new int[columns.GetArrayLength()];
        var seen = new bool[layout.Fields.Length];
        var column = 0;
        foreach (var name in columns.EnumerateArray())
        {
            var field = name.ValueKind == JsonValueKind.String ? layout.IndexOf(name.GetString()) : -1;
            fieldOfColumn[column++] = field;
            if (field < 0)
            {
                batch.Problem(null, name.ValueKind == JsonValueKind.String ? name.GetString() : name.GetRawText(), "unknown-field", null,
                    $"column {Printable(name.ToString())} is not a field the model takes. Fields: {string.Join(", ", layout.Fields.Select(f => f.Name))}.");
            }
            else if (seen[field])
            {
                batch.Problem(null, layout.Fields[field].Name, "duplicate-field", null, $"column '{layout.Fields[field].Name}' is given more than once.");
                fieldOfColumn[column - 1] = -1;
            }
            else
            {
                seen[field] = true;
            }
        }
        for (var field = 0; field < seen.Length; field++)
        {
            if (!seen[field])
            {
                batch.Problem(null, layout.Fields[field].Name, "missing-field", null, $"the columns lack field '{layout.Fields[field].Name}' ({layout.Fields[field].Type}).");
            }
        }
        if (batch.ProblemCount > 0)
        {
            return;
        }

        var row = 0;
        foreach (var values in data.EnumerateArray())
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != fieldOfColumn.Length)
            {
                batch.Problem(row++, null, "not-an-object", null, $"row {row - 1} of 'data' must be an array of {fieldOfColumn.Length} values, one per column.");
                continue;
            }
            column = 0;
            foreach (var value in values.EnumerateArray())
            {
                ReadValue(value, row, fieldOfColumn[column++], batch);
            }
            row++;
        }
    }

    /// <summary>Columns as arrays of equal length: <c>{"col": [v0, v1, ...], ...}</c> (MLflow's columnar <c>inputs</c>).</summary>
    public static void ReadColumns(JsonElement columns, int rows, InputBatch batch)
    {
        var layout = batch.Layout;
        var seen = new bool[layout.Fields.Length];
        foreach (var property in columns.EnumerateObject())
        {
            var field = layout.IndexOf(property.Name);
            if (field < 0)
            {
                batch.Problem(null, property.Name, "unknown-field", null, $"column '{Printable(property.Name)}' is not a field the model takes. Fields: {string.Join(", ", layout.Fields.Select(f => f.Name))}.");
                continue;
            }
            if (seen[field])
            {
                batch.Problem(null, property.Name, "duplicate-field", null, $"column '{property.Name}' is given more than once.");
                continue;
            }
            seen[field] = true;
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() != rows)
            {
                batch.Problem(null, property.Name, "not-an-object", null, $"column '{property.Name}' must be an array of {rows} values, as long as the first column.");
                continue;
            }
            var row = 0;
            foreach (var value in property.Value.EnumerateArray())
            {
                ReadValue(value, row++, field, batch);
            }
        }
        for (var field = 0; field < seen.Length; field++)
        {
            if (!seen[field])
            {
                batch.Problem(null, layout.Fields[field].Name, "missing-field", null, $"the columns lack field '{layout.Fields[field].Name}' ({layout.Fields[field].Type}).");
            }
        }
    }

    private static void ReadValue(JsonElement value, int row, int fieldIndex, InputBatch batch)
    {
        if (fieldIndex < 0)
        {
            return;
        }
        var field = batch.Layout.Fields[fieldIndex];
        InputCheck check;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                check = field.CheckMissing();
                break;
            case JsonValueKind.Number when field.IsNumeric:
                // The number exactly as written, as a cell of the data file would hold it: the schema's rules read text.
                var raw = JsonMarshal.GetRawUtf8Value(value);
                Span<char> chars = raw.Length <= StackChars ? stackalloc char[StackChars] : new char[raw.Length];
                check = field.Check(chars[..Encoding.UTF8.GetChars(raw, chars)]);
                break;
            case JsonValueKind.String when !field.IsNumeric:
                var text = value.GetString()!;
                check = field.Check(text);
                if (check.Status != InputStatus.Invalid)
                {
                    batch.SetText(row, fieldIndex, check.Status == InputStatus.Missing ? ReadOnlyMemory<char>.Empty : text.AsMemory());
                }
                break;
            default:
                var expected = field.IsNumeric ? "a JSON number (or null)" : "a JSON string (or null)";
                batch.Problem(row, field.Name, "json-type", null, $"row {row} field '{field.Name}' ({field.Type}) takes {expected}, not {Describe(value.ValueKind)}.");
                return;
        }
        if (check.Status == InputStatus.Invalid)
        {
            batch.Problem(row, field.Name, check.Rule!, check.Code, $"row {row}: {check.Message}");
        }
        else if (field.IsNumeric)
        {
            batch.SetNumber(row, fieldIndex, check.Number);
        }
    }

    /// <summary>The field a property names, found without allocating a string unless the name is escaped or long.</summary>
    private static int FieldOf(JsonProperty property, RowLayout layout, Span<char> buffer, out string? name)
    {
        name = null;
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length <= buffer.Length && !raw.Contains((byte)'\\'))
        {
            return layout.IndexOf(buffer[..Encoding.UTF8.GetChars(raw, buffer)]);
        }
        name = property.Name;
        return layout.IndexOf(name);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    // Names come from the caller: control characters are shown escaped, never echoed raw.
    private static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 80));
        foreach (var c in text.Length > 80 ? text[..80] + "…" : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return builder.ToString();
    }
}
