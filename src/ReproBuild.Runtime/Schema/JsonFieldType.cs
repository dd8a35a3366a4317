using System.Text.Json;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>object</c> and <c>array</c>: a cell holding one JSON object or array; its length is its number of properties or elements.</summary>
internal sealed class JsonFieldType(JsonValueKind kind) : FieldType(kind == JsonValueKind.Object ? "object" : "array", DefaultFormat)
{
    public override bool HasLength => true;

    public override bool HasJsonSchema => true;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        var ok = CellJson.TryRead(text, kind, out var count);
        value = CellValue.FromCount(count);
        return ok;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => CellJson.Canonical(text);

    public override string Expectation => kind == JsonValueKind.Object ? "is not a JSON object" : "is not a JSON array";

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.Kind == kind)
        {
            text = node.Display;
            return TryCast(text, out value);
        }
        return base.TryCastDescriptorValue(node, out value, out text);
    }
}
