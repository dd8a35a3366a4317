using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>year</c>: a calendar year written with four digits (<c>YYYY</c>).</summary>
internal sealed class YearFieldType() : FieldType("year", DefaultFormat)
{
    public override bool IsNumeric => true;

    public override ValueOrder Order => ValueOrder.Long;

    public override ValueMatch Match => ValueMatch.Long;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        if (text.Length == 4 && Digits.TryRead(text, 0, 4, out var year))
        {
            value = CellValue.FromLong(year);
            return true;
        }
        value = CellValue.None;
        return false;
    }

    public override double? ToNumber(in CellValue value) => value.Long;

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => value.Long.ToString("D4", CultureInfo.InvariantCulture);

    public override string Expectation => "is not a valid year (YYYY)";

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.IsNumber)
        {
            text = node.Text!;
            return IntegerFieldType.TryIntegral(node, out value) && value.Big is null;
        }
        return base.TryCastDescriptorValue(node, out value, out text);
    }
}
