using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>yearmonth</c>: a month of a year, <c>YYYY-MM</c>; ordered as months since year 0.</summary>
internal sealed class YearMonthFieldType() : FieldType("yearmonth", DefaultFormat)
{
    public override ValueOrder Order => ValueOrder.Long;

    public override ValueMatch Match => ValueMatch.Long;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        if (text.Length == 7 && text[4] == '-' && Digits.TryRead(text, 0, 4, out var year) &&
            Digits.TryRead(text, 5, 2, out var month) && month is >= 1 and <= 12)
        {
            value = CellValue.FromLong(year * 12L + month - 1);
            return true;
        }
        value = CellValue.None;
        return false;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Long / 12:D4}-{value.Long % 12 + 1:D2}");

    public override string Expectation => "is not a valid yearmonth (YYYY-MM)";
}
