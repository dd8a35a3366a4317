namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A Python/C strptime pattern such as <c>%d/%m/%Y %H:%M</c>, compiled once and matched by hand with backtracking
/// (as Python's regex-based strptime does), case-insensitively, with whitespace in the pattern matching one or more
/// whitespace characters. Directives: %Y %y %m %d %H %I %M %S %f %p %b %h %B %a %A %j %z %Z %%, and %c %x %X in the
/// C locale. Unmentioned pieces default to 1900-01-01 00:00:00.
/// </summary>
internal sealed class StrptimePattern
{
    private const char Space = '\0';
    private const char Literal = '\u0001';

    internal static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    internal static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    // Each token is a directive letter, Space, or Literal with its character in _literals.
    private readonly char[] _tokens;
    private readonly char[] _literals;

    private StrptimePattern(char[] tokens, char[] literals)
    {
        _tokens = tokens;
        _literals = literals;
    }

    public bool HasDate { get; private init; }

    public bool HasTime { get; private init; }

    /// <summary>Compiles <paramref name="pattern"/>; on failure <paramref name="error"/> says why.</summary>
    public static StrptimePattern? TryCompile(string pattern, out string? error)
    {
        error = null;
        var expanded = pattern.Replace("%c", "%a %b %d %H:%M:%S %Y", StringComparison.Ordinal)
            .Replace("%x", "%m/%d/%y", StringComparison.Ordinal)
            .Replace("%X", "%H:%M:%S", StringComparison.Ordinal);
        var tokens = new List<char>();
        var literals = new List<char>();
        var hasDate = false;
        var hasTime = false;
        for (var i = 0; i < expanded.Length; i++)
        {
            var c = expanded[i];
            if (char.IsWhiteSpace(c))
            {
                while (i + 1 < expanded.Length && char.IsWhiteSpace(expanded[i + 1]))
                {
                    i++;
                }
                tokens.Add(Space);
                literals.Add(' ');
                continue;
            }
            if (c != '%')
            {
                tokens.Add(Literal);
                literals.Add(c);
                continue;
            }
            if (i + 1 >= expanded.Length)
            {
                error = "it ends with a lone '%'";
                return null;
            }
            var directive = expanded[++i];
            switch (directive)
            {
                case '%':
                    tokens.Add(Literal);
                    literals.Add('%');
                    continue;
                case 'Y' or 'y' or 'm' or 'd' or 'b' or 'h' or 'B' or 'j' or 'a' or 'A':
                    hasDate = true;
                    break;
                case 'H' or 'I' or 'M' or 'S' or 'f' or 'p' or 'z' or 'Z':
                    hasTime = true;
                    break;
                default:
                    error = $"'%{directive}' is not a supported directive";
                    return null;
            }
            tokens.Add(directive);
            literals.Add('%');
        }
        if (!hasDate && !hasTime)
        {
            error = "it has no % directives";
            return null;
        }
        return new StrptimePattern([.. tokens], [.. literals]) { HasDate = hasDate, HasTime = hasTime };
    }

    public bool TryParse(ReadOnlySpan<char> text, out TemporalParts parts) =>
        Match(text, 0, 0, TemporalParts.Start, out parts);

    private bool Match(ReadOnlySpan<char> text, int position, int token, TemporalParts parts, out TemporalParts result)
    {
        result = parts;
        if (token == _tokens.Length)
        {
            return position == text.Length && result.Resolve();
        }
        var kind = _tokens[token];
        switch (kind)
        {
            case Space:
            {
                var end = position;
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
                return end > position && Match(text, end, token + 1, parts, out result);
            }
            case Literal:
                return position < text.Length &&
                    char.ToLowerInvariant(text[position]) == char.ToLowerInvariant(_literals[token]) &&
                    Match(text, position + 1, token + 1, parts, out result);
            case 'Y':
                return Number(text, position, token, parts, 4, 4, 0, 9999, static (ref p, v) => p.Year = v, out result);
            case 'y':
                return Number(text, position, token, parts, 2, 2, 0, 99, static (ref p, v) => p.Year = v < 69 ? 2000 + v : 1900 + v, out result);
            case 'm':
                return Number(text, position, token, parts, 1, 2, 1, 12, static (ref p, v) => { p.Month = v; p.HasMonthOrDay = true; }, out result);
            case 'd':
                if (position + 1 < text.Length && text[position] == ' ' && text[position + 1] is >= '1' and <= '9')
                {
                    // Python accepts a space-padded day (" 5").
                    parts.Day = text[position + 1] - '0';
                    parts.HasMonthOrDay = true;
                    if (Match(text, position + 2, token + 1, parts, out result))
                    {
                        return true;
                    }
                }
                return Number(text, position, token, parts, 1, 2, 1, 31, static (ref p, v) => { p.Day = v; p.HasMonthOrDay = true; }, out result);
            case 'H':
                return Number(text, position, token, parts, 1, 2, 0, 23, static (ref p, v) => p.Hour = v, out result);
            case 'I':
                return Number(text, position, token, parts, 1, 2, 1, 12, static (ref p, v) => p.Hour12 = v, out result);
            case 'M':
                return Number(text, position, token, parts, 1, 2, 0, 59, static (ref p, v) => p.Minute = v, out result);
            case 'S':
                return Number(text, position, token, parts, 1, 2, 0, 59, static (ref p, v) => p.Second = v, out result);
            case 'j':
                return Number(text, position, token, parts, 1, 3, 1, 366, static (ref p, v) => p.DayOfYear = v, out result);
            case 'f':
            {
                var length = 0;
                while (position + length < text.Length && length < 9 && char.IsAsciiDigit(text[position + length]))
                {
                    length++;
                }
                for (; length >= 1; length--)
                {
                    parts.FractionTicks = TemporalParts.FractionToTicks(text.Slice(position, length));
                    if (Match(text, position + length, token + 1, parts, out result))
                    {
                        return true;
                    }
                }
                return false;
            }
            case 'p':
                if (StartsWithWord(text[position..], "am"))
                {
                    parts.AmPm = 1;
                }
                else if (StartsWithWord(text[position..], "pm"))
                {
                    parts.AmPm = 2;
                }
                else
                {
                    return false;
                }
                return Match(text, position + 2, token + 1, parts, out result);
            case 'b' or 'h' or 'B':
            {
                var index = NameAt(text[position..], MonthNames, full: kind == 'B', out var length);
                if (index < 0)
                {
                    return false;
                }
                parts.Month = index + 1;
                parts.HasMonthOrDay = true;
                return Match(text, position + length, token + 1, parts, out result);
            }
            case 'a' or 'A':
            {
                var index = NameAt(text[position..], DayNames, full: kind == 'A', out var length);
                return index >= 0 && Match(text, position + length, token + 1, parts, out result);
            }
            case 'z':
            {
                // Python's %z needs minutes: +hhmm or +hh:mm, or Z.
                var length = IsoTemporal.TryReadOffset(text[position..], ref parts);
                return length is 1 or 5 or 6 && Match(text, position + length, token + 1, parts, out result);
            }
            case 'Z':
            {
                var rest = text[position..];
                var length = StartsWithWord(rest, "utc") || StartsWithWord(rest, "gmt") ? 3 : 0;
                return length > 0 && Match(text, position + length, token + 1, parts, out result);
            }
            default:
                return false;
        }
    }

    private delegate void Setter(ref TemporalParts parts, int value);

    /// <summary>Tries the longest run of digits first, then shorter ones, as a backtracking regex would.</summary>
    private bool Number(ReadOnlySpan<char> text, int position, int token, TemporalParts parts, int min, int max, int low, int high, Setter set, out TemporalParts result)
    {
        result = parts;
        var available = 0;
        while (available < max && position + available < text.Length && char.IsAsciiDigit(text[position + available]))
        {
            available++;
        }
        for (var length = available; length >= min; length--)
        {
            Digits.TryRead(text, position, length, out var value);
            if (value < low || value > high)
            {
                continue;
            }
            var next = parts;
            set(ref next, value);
            if (Match(text, position + length, token + 1, next, out result))
            {
                return true;
            }
        }
        return false;
    }

    private static bool StartsWithWord(ReadOnlySpan<char> text, string word) =>
        text.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the month or day name at the start of <paramref name="text"/> (full, or its 3-letter abbreviation).</summary>
    internal static int NameAt(ReadOnlySpan<char> text, string[] names, bool full, out int length)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var name = full ? names[i] : names[i][..3];
            if (text.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                length = name.Length;
                return i;
            }
        }
        length = 0;
        return -1;
    }
}
