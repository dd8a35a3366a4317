using System.Text.Json.Nodes;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>geojson</c>: a JSON object whose <c>type</c> is a GeoJSON geometry, Feature or FeatureCollection (<c>default</c>),
/// or a TopoJSON <c>Topology</c> (<c>topojson</c>). The structure below the type is not validated.
/// </summary>
internal sealed class GeoJsonFieldType(string format) : FieldType("geojson", format)
{
    public static readonly string[] Formats = [DefaultFormat, "topojson"];

    private static readonly string[] GeoJsonTypes =
        ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "Feature", "FeatureCollection"];

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        value = CellValue.None;
        if (CellJson.Parse(text) is not JsonObject json || !json.TryGetPropertyValue("type", out var type) ||
            type is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var name))
        {
            return false;
        }
        return Format == "topojson" ? name == "Topology" : GeoJsonTypes.Contains(name, StringComparer.Ordinal);
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => CellJson.Canonical(text);

    public override string Expectation => Format == "topojson" ? "is not a TopoJSON topology" : "is not a GeoJSON object";
}
