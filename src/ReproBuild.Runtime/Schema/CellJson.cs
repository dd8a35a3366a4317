using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReproBuild.Runtime.Schema;

/// <summary>JSON inside a cell (object, array, geojson and geopoint fields): validation, counting and a canonical form.</summary>
internal static class CellJson
{
    /// <summary>Whether the cell is one JSON value of <paramref name="kind"/>; <paramref name="count"/> is its number of elements or properties.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, JsonValueKind kind, out int count)
    {
        count = 0;
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, written));
            if (!reader.Read() || reader.TokenType != (kind == JsonValueKind.Object ? JsonTokenType.StartObject : JsonTokenType.StartArray))
            {
                return false;
            }
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.CurrentDepth == depth + 1 && reader.TokenType != JsonTokenType.EndObject && reader.TokenType != JsonTokenType.EndArray &&
                    (kind == JsonValueKind.Array || reader.TokenType == JsonTokenType.PropertyName))
                {
                    count++;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            // Nothing may follow the value.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses a cell as JSON; null when it is not JSON.</summary>
    public static JsonNode? Parse(ReadOnlySpan<char> text)
    {
        try
        {
            return JsonNode.Parse(text.ToString());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The value without insignificant whitespace, for keys: equal JSON written differently gives equal keys.</summary>
    public static string Canonical(ReadOnlySpan<char> text) => Parse(text)?.ToJsonString() ?? text.ToString();
}
