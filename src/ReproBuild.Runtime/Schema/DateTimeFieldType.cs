using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>datetime</c>: <c>YYYY-MM-DDThh:mm:ss</c> by default, with an optional fraction and offset; its value is the
/// DateTime ticks, in UTC when an offset is given. A value without an offset compares as if it were UTC.
/// </summary>
internal sealed class DateTimeFieldType(string format, StrptimePattern? pattern) : TemporalFieldType("datetime", format, pattern)
{
    protected override string DefaultPattern => "YYYY-MM-DDThh:mm:ss";

    protected override bool TryParseDefault(ReadOnlySpan<char> text, out TemporalParts parts) => IsoTemporal.TryParseDateTime(text, out parts);

    protected override bool HasEnough(in TemporalParts parts) => parts.HasDate;

    protected override bool Compose(in TemporalParts parts, out CellValue value)
    {
        if (!parts.TryDateTimeTicks(out var ticks))
        {
            value = CellValue.None;
            return false;
        }
        value = CellValue.FromLong(ticks) with { HasOffset = parts.HasOffset };
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value)
    {
        var key = new DateTime(value.Long, DateTimeKind.Unspecified).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.HasOffset ? key + "Z" : key;
    }
}
