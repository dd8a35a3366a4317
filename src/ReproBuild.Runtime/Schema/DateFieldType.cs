using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>date</c>: <c>YYYY-MM-DD</c> by default; its value is the day number.</summary>
internal sealed class DateFieldType(string format, StrptimePattern? pattern) : TemporalFieldType("date", format, pattern)
{
    protected override string DefaultPattern => "YYYY-MM-DD";

    protected override bool TryParseDefault(ReadOnlySpan<char> text, out TemporalParts parts) => IsoTemporal.TryParseDate(text, out parts);

    protected override bool HasEnough(in TemporalParts parts) => parts.HasDate;

    protected override bool Compose(in TemporalParts parts, out CellValue value)
    {
        value = CellValue.FromLong(parts.DayNumber);
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) =>
        DateOnly.FromDayNumber((int)value.Long).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
