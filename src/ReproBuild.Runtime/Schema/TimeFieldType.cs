using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>time</c>: <c>hh:mm:ss</c> by default, with an optional fraction and offset; its value is the ticks since
/// midnight, in UTC when an offset is given (so 06:00:00Z equals 07:00:00+01:00).
/// </summary>
internal sealed class TimeFieldType(string format, StrptimePattern? pattern) : TemporalFieldType("time", format, pattern)
{
    protected override string DefaultPattern => "hh:mm:ss";

    protected override bool TryParseDefault(ReadOnlySpan<char> text, out TemporalParts parts) => IsoTemporal.TryParseTime(text, out parts);

    protected override bool HasEnough(in TemporalParts parts) => parts.HasTime;

    protected override bool Compose(in TemporalParts parts, out CellValue value)
    {
        value = CellValue.FromLong(parts.TimeTicks) with { HasOffset = parts.HasOffset };
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value)
    {
        var ticks = (value.Long % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        var time = new TimeOnly(ticks).ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.HasOffset ? time + "Z" : time;
    }
}
