using System.Globalization;
using System.Numerics;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The lexical forms of Table Schema numbers and integers: an optional sign, digits with an optional group character
/// between them, a decimal character and an exponent (numbers only), NaN/INF/-INF (numbers only, any case), and with
/// <c>bareNumber: false</c> leading and trailing non-numeric text (currency signs, units, %) stripped. Surrounding
/// whitespace is ignored, as the reference implementation does, but a control character anywhere (a NUL, a tab, a
/// line break) makes the value no number: it is damage, not layout. Culture-independent and allocation-free for all
/// but very long values.
/// </summary>
internal sealed class NumberSyntax
{
    private const int StackLimit = 128;

    // The common cell needs none of the general path's steps (control characters, trimming, NaN/INF, options).
    private readonly bool _plainAndBare;

    public NumberSyntax(string decimalChar, string groupChar, bool bareNumber)
    {
        DecimalChar = decimalChar;
        GroupChar = groupChar;
        BareNumber = bareNumber;
        IsPlain = decimalChar == "." && groupChar.Length == 0;
        _plainAndBare = IsPlain && bareNumber;
    }

    public static NumberSyntax Default { get; } = new(".", "", bareNumber: true);

    public string DecimalChar { get; }

    /// <summary>Empty when there is no group character.</summary>
    public string GroupChar { get; }

    public bool BareNumber { get; }

    private bool IsPlain { get; }

    public bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        if (_plainAndBare && PlainDecimal.TryRead(text, out var plain))
        {
            // Nothing around it and only grammar characters in it: what Scan accepts as it is, so the general path
            // would convert this same text. Converted in the same pass when the digits allow.
            return plain.TryDouble(out value) || InvariantDouble.TryParse(text, out value);
        }
        if (CellText.HasControl(text))
        {
            value = 0;
            return false;
        }
        text = text.Trim();
        if (TrySpecial(text, out value))
        {
            return true;
        }
        if (!BareNumber)
        {
            text = StripNonNumeric(text);
        }
        if (text.IsEmpty)
        {
            value = 0;
            return false;
        }
        if (IsPlain)
        {
            // The common case: validate the grammar in place and let the runtime convert.
            return Scan(text, default, allowFraction: true, out var length) && length > 0 &&
                InvariantDouble.TryParse(text, out value);
        }
        Span<char> buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : new char[text.Length];
        if (!Scan(text, buffer, allowFraction: true, out var written))
        {
            value = 0;
            return false;
        }
        return InvariantDouble.TryParse(buffer[..written], out value);
    }

    /// <summary>Parses an integer; <paramref name="big"/> is set only when it does not fit in a long.</summary>
    public bool TryParseInteger(ReadOnlySpan<char> text, out long value, out BigInteger? big)
    {
        big = null;
        value = 0;
        if (_plainAndBare && TryParseShort(text, out value))
        {
            return true;
        }
        if (CellText.HasControl(text))
        {
            return false;
        }
        text = text.Trim();
        if (!BareNumber)
        {
            text = StripNonNumeric(text);
        }
        if (text.IsEmpty)
        {
            return false;
        }
        Span<char> buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : new char[text.Length];
        if (!Scan(text, buffer, allowFraction: false, out var written))
        {
            return false;
        }
        var digits = buffer[..written];
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        if (BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            big = parsed;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The common integer, an optional sign and at most 18 digits (so it cannot overflow a long), read in place;
    /// false for anything else, which the general path then decides.
    /// </summary>
    private static bool TryParseShort(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        var negative = text[0] == '-';
        var start = text[0] is '+' or '-' ? 1 : 0;
        if (text.Length - start is < 1 or > 18)
        {
            return false;
        }
        long magnitude = 0;
        for (var i = start; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }
            magnitude = magnitude * 10 + digit;
        }
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TrySpecial(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        // NaN, INF, +INF and -INF, in any case, all end in 'n' or 'f': one test turns away the common number.
        if (text.Length is < 3 or > 4 || (text[^1] | 0x20) is not ('n' or 'f'))
        {
            return false;
        }
        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (text.Equals("INF", StringComparison.OrdinalIgnoreCase) || text.Equals("+INF", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (text.Equals("-INF", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }
        return false;
    }

    /// <summary>bareNumber false: drops leading text up to the sign or first digit, and trailing text after the last digit.</summary>
    private ReadOnlySpan<char> StripNonNumeric(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && !char.IsAsciiDigit(text[start]) && text[start] is not ('+' or '-') &&
            !text[start..].StartsWith(DecimalChar, StringComparison.Ordinal))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && !char.IsAsciiDigit(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    /// <summary>
    /// Checks the grammar <c>[+-]? digits-with-groups (decimal digits?)? (e (+|-)? digits)?</c> and, when
    /// <paramref name="output"/> is not empty, writes the invariant form (no group characters, '.' as the decimal point).
    /// <paramref name="written"/> is the output length, or the count of mantissa digits when there is no output.
    /// </summary>
    private bool Scan(ReadOnlySpan<char> text, Span<char> output, bool allowFraction, out int written)
    {
        written = 0;
        var write = !output.IsEmpty;
        var digits = 0;
        var i = 0;
        if (text[0] is '+' or '-')
        {
            if (write)
            {
                output[written++] = text[0];
            }
            i++;
        }
        var sawDecimal = false;
        var lastWasGroup = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (write)
                {
                    output[written++] = c;
                }
                digits++;
                lastWasGroup = false;
                i++;
                continue;
            }
            if (GroupChar.Length > 0 && !sawDecimal && digits > 0 && !lastWasGroup && text[i..].StartsWith(GroupChar, StringComparison.Ordinal))
            {
                lastWasGroup = true;
                i += GroupChar.Length;
                continue;
            }
            if (allowFraction && !sawDecimal && !lastWasGroup && text[i..].StartsWith(DecimalChar, StringComparison.Ordinal))
            {
                if (write)
                {
                    output[written++] = '.';
                }
                sawDecimal = true;
                i += DecimalChar.Length;
                continue;
            }
            break;
        }
        if (digits == 0 || lastWasGroup)
        {
            return false;
        }
        if (i < text.Length)
        {
            if (!allowFraction || text[i] is not ('e' or 'E'))
            {
                return false;
            }
            if (write)
            {
                output[written++] = 'E';
            }
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                if (write)
                {
                    output[written++] = text[i];
                }
                i++;
            }
            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                if (write)
                {
                    output[written++] = text[i];
                }
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0 || i < text.Length)
            {
                return false;
            }
        }
        if (!write)
        {
            written = digits;
        }
        return true;
    }
}
