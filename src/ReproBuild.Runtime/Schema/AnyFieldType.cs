namespace ReproBuild.Runtime.Schema;

/// <summary><c>any</c>: every value is valid and kept as it is written.</summary>
internal sealed class AnyFieldType() : FieldType("any", DefaultFormat)
{
    public override ValueMatch Match => ValueMatch.Text;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        value = CellValue.None;
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => text.ToString();

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        // An enum of an 'any' field compares the cell's text with the value as written (1, true, "a").
        value = CellValue.None;
        text = node.Display;
        return node.Kind is not (System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array or System.Text.Json.JsonValueKind.Null);
    }
}
