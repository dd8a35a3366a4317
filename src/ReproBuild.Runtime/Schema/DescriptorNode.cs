using System.Text.Json;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// One JSON value of a descriptor file, with where it starts and ends in the file's bytes so that every problem can be
/// reported at its line and column, and its path (<c>fields[2].constraints</c>) for messages.
/// </summary>
internal sealed class DescriptorNode
{
    private DescriptorNode(DescriptorDocument document, JsonValueKind kind, int start, string path)
    {
        Document = document;
        Kind = kind;
        Start = start;
        Path = path;
    }

    public DescriptorDocument Document { get; }

    public JsonValueKind Kind { get; }

    /// <summary>Byte offset of the value's first character in the document.</summary>
    public int Start { get; }

    /// <summary>Byte offset just past the value's last character.</summary>
    public int End { get; private set; }

    /// <summary>The value's JSON path from the document root, e.g. <c>fields[2].constraints.minimum</c>; empty for the root.</summary>
    public string Path { get; }

    /// <summary>The value of a string; the number exactly as written for a number; null otherwise.</summary>
    public string? Text { get; private set; }

    public double Number { get; private set; }

    public IReadOnlyList<DescriptorProperty> Properties { get; private set; } = [];

    public IReadOnlyList<DescriptorNode> Items { get; private set; } = [];

    public bool IsString => Kind == JsonValueKind.String;

    public bool IsNumber => Kind == JsonValueKind.Number;

    public bool IsObject => Kind == JsonValueKind.Object;

    public bool IsArray => Kind == JsonValueKind.Array;

    public bool IsBoolean => Kind is JsonValueKind.True or JsonValueKind.False;

    /// <summary>The value as it is written in the file (a string without its quotes).</summary>
    public string Display => Kind switch
    {
        JsonValueKind.String or JsonValueKind.Number => Text!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => Document.RawText(this),
    };

    /// <summary>A human description of the JSON kind for messages: "a string", "an object", ….</summary>
    public string KindName => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    public DescriptorProperty? Property(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }
        return null;
    }

    public DescriptorNode? this[string name] => Property(name)?.Value;

    /// <summary>Reads the value at the reader's current token (and everything inside it).</summary>
    internal static DescriptorNode Read(DescriptorDocument document, ref Utf8JsonReader reader, string path)
    {
        var start = checked((int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new DescriptorNode(document, JsonValueKind.Object, start, path);
                var properties = new List<DescriptorProperty>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameStart = checked((int)reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    foreach (var seen in properties)
                    {
                        if (seen.Name == name)
                        {
                            document.Fail(ErrorCodes.InvalidSchema, $"property '{name}' appears twice in this object.", nameStart);
                        }
                    }
                    reader.Read();
                    var value = Read(document, ref reader, Join(path, name));
                    properties.Add(new DescriptorProperty(name, nameStart, value));
                }
                node.Properties = properties;
                node.End = checked((int)reader.TokenStartIndex) + 1;
                return node;
            }
            case JsonTokenType.StartArray:
            {
                var node = new DescriptorNode(document, JsonValueKind.Array, start, path);
                var items = new List<DescriptorNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(document, ref reader, $"{path}[{items.Count}]"));
                }
                node.Items = items;
                node.End = checked((int)reader.TokenStartIndex) + 1;
                return node;
            }
            case JsonTokenType.String:
                return new DescriptorNode(document, JsonValueKind.String, start, path)
                {
                    Text = reader.GetString(),
                    End = checked((int)(reader.TokenStartIndex + reader.ValueSpan.Length + 2)),
                };
            case JsonTokenType.Number:
                return new DescriptorNode(document, JsonValueKind.Number, start, path)
                {
                    Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    Number = reader.TryGetDouble(out var number) ? number : double.NaN,
                    End = start + reader.ValueSpan.Length,
                };
            case JsonTokenType.True:
                return new DescriptorNode(document, JsonValueKind.True, start, path) { End = start + 4 };
            case JsonTokenType.False:
                return new DescriptorNode(document, JsonValueKind.False, start, path) { End = start + 5 };
            default:
                return new DescriptorNode(document, JsonValueKind.Null, start, path) { End = start + 4 };
        }
    }

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="path"/>.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>One property of a JSON object, with the position of its name.</summary>
internal sealed record DescriptorProperty(string Name, int NameStart, DescriptorNode Value)
{
    /// <summary>The property's JSON path, e.g. <c>fields[2].constraints.jsonSchema</c>.</summary>
    public string Path => Value.Path;
}
