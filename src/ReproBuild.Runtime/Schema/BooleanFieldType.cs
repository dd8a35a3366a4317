namespace ReproBuild.Runtime.Schema;

/// <summary><c>boolean</c>: one of the field's trueValues or falseValues, compared exactly.</summary>
internal sealed class BooleanFieldType(IReadOnlyList<string> trueValues, IReadOnlyList<string> falseValues) : FieldType("boolean", DefaultFormat)
{
    // Arrays, so that the per-cell loops do not allocate an enumerator.
    private readonly string[] _trueValues = [.. trueValues];
    private readonly string[] _falseValues = [.. falseValues];

    public static readonly string[] DefaultTrueValues = ["true", "True", "TRUE", "1"];

    public static readonly string[] DefaultFalseValues = ["false", "False", "FALSE", "0"];

    public IReadOnlyList<string> TrueValues => _trueValues;

    public IReadOnlyList<string> FalseValues => _falseValues;

    public override ValueMatch Match => ValueMatch.Long;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        if (Contains(_trueValues, text))
        {
            value = CellValue.FromLong(1);
            return true;
        }
        if (Contains(_falseValues, text))
        {
            value = CellValue.FromLong(0);
            return true;
        }
        value = CellValue.None;
        return false;
    }

    public override double? ToNumber(in CellValue value) => value.Long;

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => value.Long == 1 ? "true" : "false";

    public override string Expectation =>
        $"is not a valid boolean (true: {Quote(TrueValues)}; false: {Quote(FalseValues)})";

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.IsBoolean)
        {
            text = node.Display;
            value = CellValue.FromLong(node.Kind == System.Text.Json.JsonValueKind.True ? 1 : 0);
            return true;
        }
        return base.TryCastDescriptorValue(node, out value, out text);
    }

    private static bool Contains(string[] values, ReadOnlySpan<char> text)
    {
        foreach (var candidate in values)
        {
            if (text.SequenceEqual(candidate))
            {
                return true;
            }
        }
        return false;
    }

    private static string Quote(IReadOnlyList<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
