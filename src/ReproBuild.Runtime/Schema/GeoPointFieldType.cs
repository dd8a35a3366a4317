using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>geopoint</c>: a longitude and a latitude, as <c>"lon, lat"</c> (<c>default</c>), <c>[lon, lat]</c> (<c>array</c>)
/// or <c>{"lon": …, "lat": …}</c> (<c>object</c>); longitude within ±180 and latitude within ±90.
/// </summary>
internal sealed class GeoPointFieldType(string format) : FieldType("geopoint", format)
{
    public static readonly string[] Formats = [DefaultFormat, "array", "object"];

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        value = CellValue.None;
        return TryRead(text, out _, out _);
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value)
    {
        _ = TryRead(text, out var lon, out var lat);
        return string.Create(CultureInfo.InvariantCulture, $"{NumberFieldType.Canonical(lon)},{NumberFieldType.Canonical(lat)}");
    }

    public override string Expectation => Format switch
    {
        "array" => "is not a valid geopoint ([lon, lat])",
        "object" => "is not a valid geopoint ({\"lon\": …, \"lat\": …})",
        _ => "is not a valid geopoint (lon, lat)",
    };

    private bool TryRead(ReadOnlySpan<char> text, out double lon, out double lat)
    {
        lon = lat = 0;
        switch (Format)
        {
            case "array":
                if (CellJson.Parse(text) is not JsonArray array || array.Count != 2 || !TryNumber(array[0], out lon) || !TryNumber(array[1], out lat))
                {
                    return false;
                }
                break;
            case "object":
                if (CellJson.Parse(text) is not JsonObject json || json.Count != 2 || !TryNumber(json["lon"], out lon) || !TryNumber(json["lat"], out lat))
                {
                    return false;
                }
                break;
            default:
                var comma = text.IndexOf(',');
                if (comma < 0 || !NumberSyntax.Default.TryParseNumber(text[..comma], out lon) ||
                    !NumberSyntax.Default.TryParseNumber(text[(comma + 1)..], out lat))
                {
                    return false;
                }
                break;
        }
        return lon is >= -180 and <= 180 && lat is >= -90 and <= 90;
    }

    private static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out number);
    }
}
