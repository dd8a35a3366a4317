namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The pieces of a date, time or datetime as a parser found them, and their composition into a checked value.
/// Pieces a pattern does not mention default as in Python's strptime (1900-01-01 00:00:00).
/// </summary>
internal struct TemporalParts
{
    public int Year;
    public int Month;
    public int Day;
    public int Hour;
    public int Minute;
    public int Second;
    public long FractionTicks;
    public int OffsetMinutes;
    public bool HasOffset;

    /// <summary>Day of the year (%j), 0 when not given.</summary>
    public int DayOfYear;

    /// <summary>12-hour clock hour (%I), 0 when not given.</summary>
    public int Hour12;

    /// <summary>0 when not given, 1 for AM, 2 for PM.</summary>
    public int AmPm;

    public bool HasDate;
    public bool HasTime;
    public bool HasMonthOrDay;

    public static TemporalParts Start => new() { Year = 1900, Month = 1, Day = 1 };

    /// <summary>Resolves %I/%p and %j; false when the result is not a real date and time.</summary>
    public bool Resolve()
    {
        if (Hour12 > 0)
        {
            Hour = AmPm switch
            {
                2 => Hour12 == 12 ? 12 : Hour12 + 12,
                _ => Hour12 == 12 ? 0 : Hour12,
            };
        }
        if (Year is < 1 or > 9999 || Hour is < 0 or > 23 || Minute is < 0 or > 59 || Second is < 0 or > 59)
        {
            return false;
        }
        if (DayOfYear > 0 && !HasMonthOrDay)
        {
            if (DayOfYear > (DateTime.IsLeapYear(Year) ? 366 : 365))
            {
                return false;
            }
            var date = new DateOnly(Year, 1, 1).AddDays(DayOfYear - 1);
            Month = date.Month;
            Day = date.Day;
        }
        return Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(Year, Month);
    }

    public readonly int DayNumber => new DateOnly(Year, Month, Day).DayNumber;

    /// <summary>Ticks since midnight, minus the UTC offset when there is one (so it may leave the 0..1 day range).</summary>
    public readonly long TimeTicks =>
        Hour * TimeSpan.TicksPerHour + Minute * TimeSpan.TicksPerMinute + Second * TimeSpan.TicksPerSecond + FractionTicks -
        OffsetMinutes * TimeSpan.TicksPerMinute;

    /// <summary>Ticks of the date and time in UTC when there is an offset; false when that leaves DateTime's range.</summary>
    public readonly bool TryDateTimeTicks(out long ticks)
    {
        ticks = DayNumber * TimeSpan.TicksPerDay + TimeTicks;
        return ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks;
    }

    /// <summary>Reads a fraction of a second (any number of digits; beyond 7 they are dropped) as ticks.</summary>
    public static long FractionToTicks(ReadOnlySpan<char> digits)
    {
        long ticks = 0;
        for (var i = 0; i < 7; i++)
        {
            ticks = ticks * 10 + (i < digits.Length ? digits[i] - '0' : 0);
        }
        return ticks;
    }
}
