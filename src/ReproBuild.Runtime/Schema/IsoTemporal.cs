namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The default formats of date, time and datetime, parsed by hand (no regex, no allocation): <c>YYYY-MM-DD</c>,
/// <c>hh:mm:ss</c>, and <c>YYYY-MM-DDThh:mm:ss</c>, the times with an optional fraction of a second and an optional
/// <c>Z</c> or <c>±hh:mm</c> (also <c>±hhmm</c> and <c>±hh</c>) offset.
/// </summary>
internal static class IsoTemporal
{
    public static bool TryParseDate(ReadOnlySpan<char> text, out TemporalParts parts)
    {
        parts = default;
        return text.Length == 10 && TryReadDate(text, ref parts) && parts.Resolve();
    }

    public static bool TryParseTime(ReadOnlySpan<char> text, out TemporalParts parts)
    {
        parts = TemporalParts.Start;
        return TryReadTime(text, ref parts) && parts.Resolve();
    }

    public static bool TryParseDateTime(ReadOnlySpan<char> text, out TemporalParts parts)
    {
        parts = default;
        return text.Length >= 19 && text[10] == 'T' && TryReadDate(text[..10], ref parts) &&
            TryReadTime(text[11..], ref parts) && parts.Resolve();
    }

    private static bool TryReadDate(ReadOnlySpan<char> text, ref TemporalParts parts)
    {
        if (text[4] != '-' || text[7] != '-' || !Digits.TryRead(text, 0, 4, out parts.Year) ||
            !Digits.TryRead(text, 5, 2, out parts.Month) || !Digits.TryRead(text, 8, 2, out parts.Day))
        {
            return false;
        }
        parts.HasDate = true;
        parts.HasMonthOrDay = true;
        return true;
    }

    private static bool TryReadTime(ReadOnlySpan<char> text, ref TemporalParts parts)
    {
        if (text.Length < 8 || text[2] != ':' || text[5] != ':' || !Digits.TryRead(text, 0, 2, out parts.Hour) ||
            !Digits.TryRead(text, 3, 2, out parts.Minute) || !Digits.TryRead(text, 6, 2, out parts.Second))
        {
            return false;
        }
        parts.HasTime = true;
        var rest = text[8..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }
            if (digits == 1)
            {
                return false;
            }
            parts.FractionTicks = TemporalParts.FractionToTicks(rest[1..digits]);
            rest = rest[digits..];
        }
        return rest.IsEmpty || TryReadOffset(rest, ref parts) == rest.Length;
    }

    /// <summary>Reads <c>Z</c>, <c>±hh:mm</c>, <c>±hhmm</c> or <c>±hh</c>; returns the characters read, 0 when there is none.</summary>
    public static int TryReadOffset(ReadOnlySpan<char> text, ref TemporalParts parts)
    {
        if (text.IsEmpty)
        {
            return 0;
        }
        if (text[0] == 'Z')
        {
            parts.HasOffset = true;
            parts.OffsetMinutes = 0;
            return 1;
        }
        if (text[0] is not ('+' or '-') || !Digits.TryRead(text, 1, 2, out var hours) || hours > 23)
        {
            return 0;
        }
        var minutes = 0;
        var length = 3;
        if (text.Length >= 6 && text[3] == ':' && Digits.TryRead(text, 4, 2, out minutes))
        {
            length = 6;
        }
        else if (text.Length >= 5 && Digits.TryRead(text, 3, 2, out minutes))
        {
            length = 5;
        }
        if (minutes > 59)
        {
            return 0;
        }
        parts.HasOffset = true;
        parts.OffsetMinutes = (text[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
        return length;
    }
}
