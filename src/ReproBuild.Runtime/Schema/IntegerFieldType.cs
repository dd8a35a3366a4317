using System.Globalization;
using System.Numerics;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>integer</c>: whole numbers of any size, with the field's groupChar and bareNumber.</summary>
internal sealed class IntegerFieldType(NumberSyntax syntax) : FieldType("integer", DefaultFormat)
{
    public NumberSyntax Syntax { get; } = syntax;

    public override bool IsNumeric => true;

    public override ValueOrder Order => ValueOrder.Integer;

    public override ValueMatch Match => ValueMatch.Integer;

    public override bool HasCategories => true;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        if (!Syntax.TryParseInteger(text, out var number, out var big))
        {
            value = CellValue.None;
            return false;
        }
        value = big is { } b ? CellValue.FromBig(b) : CellValue.FromLong(number);
        return true;
    }

    public override double? ToNumber(in CellValue value) => value.Double;

    public override string Key(ReadOnlySpan<char> text, in CellValue value) =>
        value.Big is { } big ? big.ToString(CultureInfo.InvariantCulture) : value.Long.ToString(CultureInfo.InvariantCulture);

    public override string Expectation => NumberFieldType.Options(Syntax, "is not a valid integer");

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.IsNumber)
        {
            text = node.Text!;
            return TryIntegral(node, out value);
        }
        return base.TryCastDescriptorValue(node, out value, out text);
    }

    /// <summary>A JSON number that is a whole number (<c>5</c>, <c>5.0</c>, <c>5e2</c>) as an integer value.</summary>
    public static bool TryIntegral(DescriptorNode node, out CellValue value)
    {
        if (long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            value = CellValue.FromLong(whole);
            return true;
        }
        if (BigInteger.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            value = CellValue.FromBig(big);
            return true;
        }
        var number = node.Number;
        if (double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 9.2e18)
        {
            value = CellValue.FromLong((long)number);
            return true;
        }
        value = CellValue.None;
        return false;
    }
}
