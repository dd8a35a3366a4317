using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>duration</c>: ISO 8601 / XML Schema <c>PnYnMnDTnHnMnS</c> (also <c>PnW</c>, fractions on any component, a
/// leading '-'). Durations with years or months have no exact length, so they are ordered by an average Gregorian
/// month (30.436875 days); equal keys need equal months and equal seconds (P1D equals PT24H, P1M never equals P30D).
/// </summary>
internal sealed class DurationFieldType() : FieldType("duration", DefaultFormat)
{
    private const double SecondsPerMonth = 30.436875 * 86400;

    public override ValueOrder Order => ValueOrder.Double;

    public override ValueMatch Match => ValueMatch.Key;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        if (!TryParse(text, out var months, out var seconds))
        {
            value = CellValue.None;
            return false;
        }
        value = CellValue.FromDouble(months * SecondsPerMonth + seconds);
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value)
    {
        _ = TryParse(text, out var months, out var seconds);
        return string.Create(CultureInfo.InvariantCulture, $"P{NumberFieldType.Canonical(months)}MT{NumberFieldType.Canonical(seconds)}S");
    }

    public override string Expectation => "is not a valid ISO 8601 duration (PnYnMnDTnHnMnS)";

    /// <summary>Reads a duration as (months, seconds), both negative for a leading '-'.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double months, out double seconds)
    {
        months = 0;
        seconds = 0;
        var sign = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '-')
        {
            sign = -1;
            i++;
        }
        if (i >= text.Length || text[i] != 'P')
        {
            return false;
        }
        i++;
        const string DateDesignators = "YMWD";
        const string TimeDesignators = "HMS";
        var inTime = false;
        var components = 0;
        var timeComponents = 0;
        var order = -1;
        Span<char> buffer = stackalloc char[64];
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime)
                {
                    return false;
                }
                inTime = true;
                order = -1;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ','))
            {
                i++;
            }
            if (i == start || i >= text.Length)
            {
                return false;
            }
            if (i - start > buffer.Length)
            {
                return false;
            }
            var number = buffer[..(i - start)];
            text[start..i].CopyTo(number);
            number.Replace(',', '.');
            if (!char.IsAsciiDigit(number[0]) || !char.IsAsciiDigit(number[^1]) ||
                !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }
            var designators = inTime ? TimeDesignators : DateDesignators;
            var index = designators.IndexOf(text[i], StringComparison.Ordinal);
            if (index <= order)
            {
                // Unknown designator, or out of order (P1M1Y).
                return false;
            }
            order = index;
            i++;
            components++;
            if (inTime)
            {
                timeComponents++;
                seconds += amount * (index switch { 0 => 3600, 1 => 60, _ => 1 });
            }
            else
            {
                switch (index)
                {
                    case 0:
                        months += amount * 12;
                        break;
                    case 1:
                        months += amount;
                        break;
                    case 2:
                        seconds += amount * 7 * 86400;
                        break;
                    default:
                        seconds += amount * 86400;
                        break;
                }
            }
        }
        months *= sign;
        seconds *= sign;
        return components > 0 && (!inTime || timeComponents > 0);
    }
}
