namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The <c>any</c> format of date, time and datetime: a deterministic, dateutil-like reading of common forms —
/// ISO 8601, <c>2014/01/31</c>, <c>01/31/2014</c> (month first unless the first number cannot be a month),
/// <c>31.01.2014</c>, <c>20140131</c>, <c>Jan 31, 2014</c>, <c>10th Jan 1969 9 am</c>, <c>Friday 31 January 2014 15:04</c>,
/// <c>3:00 pm</c>, with an optional <c>Z</c>/<c>UTC</c>/<c>GMT</c>/<c>±hh:mm</c> offset. Two-digit years follow strptime
/// (69–99 → 19xx, 00–68 → 20xx). Nothing defaults to today: a date needs its year, month and day.
/// </summary>
internal static class AnyTemporalParser
{
    private static readonly string[] JumpWords = ["at", "on", "of", "and", "the"];

    public static bool TryParse(ReadOnlySpan<char> text, out TemporalParts parts)
    {
        parts = TemporalParts.Start;
        Span<int> numbers = stackalloc int[3];
        Span<int> widths = stackalloc int[3];
        var count = 0;
        var ordinalIndex = -1;
        var month = 0;
        var hourSet = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is ',' or ';')
            {
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var width = Digits.ReadRun(text, i, 1, 9, out var value);
                var next = i + width;
                if (next < text.Length && text[next] == ':' && width <= 2 && !hourSet)
                {
                    var read = ReadClock(text[i..], ref parts);
                    if (read == 0)
                    {
                        return false;
                    }
                    hourSet = true;
                    i += read;
                    continue;
                }
                if (width == 8 && count == 0 && month == 0)
                {
                    // 20140131
                    parts.Year = value / 10000;
                    parts.Month = value / 100 % 100;
                    parts.Day = value % 100;
                    parts.HasDate = true;
                    i = next;
                    continue;
                }
                if (next + 1 < text.Length && IsOrdinalSuffix(text.Slice(next, 2)) && (next + 2 == text.Length || !char.IsLetter(text[next + 2])))
                {
                    if (ordinalIndex >= 0 || count == 3)
                    {
                        return false;
                    }
                    ordinalIndex = count;
                    numbers[count] = value;
                    widths[count++] = width;
                    i = next + 2;
                    continue;
                }
                var afterSpaces = next;
                while (afterSpaces < text.Length && text[afterSpaces] == ' ')
                {
                    afterSpaces++;
                }
                if (!hourSet && width <= 2 && value is >= 1 and <= 12 && AmPmAt(text[afterSpaces..], out var ampmLength) is var ampm and > 0)
                {
                    // "9 am"
                    parts.Hour12 = value;
                    parts.AmPm = ampm;
                    parts.HasTime = true;
                    hourSet = true;
                    i = afterSpaces + ampmLength;
                    continue;
                }
                if (count == 3 || width > 4)
                {
                    return false;
                }
                numbers[count] = value;
                widths[count++] = width;
                i = next;
                continue;
            }
            if (c is '+' or '-' && hourSet && !parts.HasOffset && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                var length = IsoTemporal.TryReadOffset(text[i..], ref parts);
                if (length == 0)
                {
                    return false;
                }
                i += length;
                continue;
            }
            if (c is '-' or '/' or '.')
            {
                i++;
                continue;
            }
            if (char.IsAsciiLetter(c))
            {
                var end = i;
                while (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    end++;
                }
                var word = text[i..end];
                var monthIndex = NameIndex(word, StrptimePattern.MonthNames);
                if (monthIndex >= 0)
                {
                    if (month != 0)
                    {
                        return false;
                    }
                    month = monthIndex + 1;
                }
                else if (NameIndex(word, StrptimePattern.DayNames) >= 0 || IsJumpWord(word))
                {
                    // Weekday names and filler words carry nothing.
                }
                else if (AmPmAt(text[i..], out var ampmLength) is var ampm and > 0 && hourSet && parts.Hour12 == 0)
                {
                    if (parts.Hour is < 1 or > 12)
                    {
                        return false;
                    }
                    parts.Hour12 = parts.Hour;
                    parts.AmPm = ampm;
                    end = i + ampmLength;
                }
                else if (word.Length == 1 && word[0] is 'T' or 't' && !hourSet)
                {
                    // The ISO date/time separator.
                }
                else if ((word.Equals("Z", StringComparison.OrdinalIgnoreCase) || word.Equals("UTC", StringComparison.OrdinalIgnoreCase) ||
                    word.Equals("GMT", StringComparison.OrdinalIgnoreCase)) && hourSet && !parts.HasOffset)
                {
                    parts.HasOffset = true;
                    parts.OffsetMinutes = 0;
                }
                else
                {
                    return false;
                }
                i = end;
                continue;
            }
            return false;
        }

        if (!AssignDate(numbers[..count], widths[..count], ordinalIndex, month, ref parts))
        {
            return false;
        }
        return parts.Resolve();
    }

    /// <summary>Gives the loose numbers their roles: year, month and day.</summary>
    private static bool AssignDate(ReadOnlySpan<int> numbers, ReadOnlySpan<int> widths, int ordinalIndex, int month, ref TemporalParts parts)
    {
        if (parts.HasDate)
        {
            return numbers.IsEmpty && month == 0;
        }
        static bool IsYear(int value, int width) => width >= 3 || value > 31;
        static int Year(int value, int width) => width <= 2 ? (value < 69 ? 2000 + value : 1900 + value) : value;

        if (month != 0)
        {
            parts.Month = month;
            switch (numbers.Length)
            {
                case 0:
                    return true;
                case 2:
                {
                    var yearFirst = ordinalIndex != 0 && IsYear(numbers[0], widths[0]);
                    var (day, year) = yearFirst ? (1, 0) : (0, 1);
                    if (ordinalIndex == year)
                    {
                        return false;
                    }
                    parts.Day = numbers[day];
                    parts.Year = Year(numbers[year], widths[year]);
                    parts.HasDate = true;
                    return true;
                }
                default:
                    return false;
            }
        }
        switch (numbers.Length)
        {
            case 0:
                return true;
            case 3:
            {
                int year, monthIndex, day;
                if (IsYear(numbers[0], widths[0]))
                {
                    (year, monthIndex, day) = (0, 1, 2);
                }
                else
                {
                    // Month first, as dateutil does, unless the first number cannot be a month.
                    (year, monthIndex, day) = numbers[0] > 12 ? (2, 1, 0) : (2, 0, 1);
                }
                if (ordinalIndex >= 0 && ordinalIndex != day)
                {
                    return false;
                }
                parts.Year = Year(numbers[year], widths[year]);
                parts.Month = numbers[monthIndex];
                parts.Day = numbers[day];
                parts.HasDate = true;
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>Reads <c>h:mm</c>, <c>hh:mm:ss</c> and <c>hh:mm:ss.fff</c>; returns the characters read, 0 on a malformed clock.</summary>
    private static int ReadClock(ReadOnlySpan<char> text, ref TemporalParts parts)
    {
        var i = Digits.ReadRun(text, 0, 1, 2, out parts.Hour);
        if (i == 0 || i >= text.Length || text[i] != ':' || Digits.ReadRun(text, i + 1, 2, 2, out parts.Minute) == 0)
        {
            return 0;
        }
        i += 3;
        if (i < text.Length && text[i] == ':')
        {
            if (Digits.ReadRun(text, i + 1, 2, 2, out parts.Second) == 0)
            {
                return 0;
            }
            i += 3;
            if (i + 1 < text.Length && text[i] is '.' or ',' && char.IsAsciiDigit(text[i + 1]))
            {
                var start = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                parts.FractionTicks = TemporalParts.FractionToTicks(text[start..i]);
            }
        }
        parts.HasTime = true;
        return i;
    }

    /// <summary>1 for "am"/"a.m.", 2 for "pm"/"p.m." at the start of <paramref name="text"/> as a whole word; 0 otherwise.</summary>
    private static int AmPmAt(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        if (text.Length < 2)
        {
            return 0;
        }
        var kind = char.ToLowerInvariant(text[0]) switch { 'a' => 1, 'p' => 2, _ => 0 };
        if (kind == 0)
        {
            return 0;
        }
        if (char.ToLowerInvariant(text[1]) == 'm')
        {
            length = 2;
        }
        else if (text.Length >= 4 && text[1] == '.' && char.ToLowerInvariant(text[2]) == 'm' && text[3] == '.')
        {
            length = 4;
        }
        else
        {
            return 0;
        }
        return length == text.Length || !char.IsLetter(text[length]) ? kind : 0;
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> text) =>
        text.Equals("st", StringComparison.OrdinalIgnoreCase) || text.Equals("nd", StringComparison.OrdinalIgnoreCase) ||
        text.Equals("rd", StringComparison.OrdinalIgnoreCase) || text.Equals("th", StringComparison.OrdinalIgnoreCase);

    /// <summary>A month or day name, written in full or abbreviated to at least three letters ("Sept", "Wed").</summary>
    private static int NameIndex(ReadOnlySpan<char> word, string[] names)
    {
        if (word.Length < 3)
        {
            return -1;
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (word.Length <= names[i].Length && names[i].AsSpan(0, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsJumpWord(ReadOnlySpan<char> word)
    {
        foreach (var jump in JumpWords)
        {
            if (word.Equals(jump, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
