namespace ReproBuild.Runtime.Data;

/// <summary>
/// The plain decimal grammar, <c>[+-]? digits with at most one '.' (at least one digit) ([eE] [+-]? digits)?</c> and
/// nothing else, read in one pass that also gathers the digits; and Clinger's fast path, which turns digits that fit
/// the floating-point type's mantissa and a power of ten it holds exactly into the one correctly rounded value (a
/// single exact multiplication or division, the path csFastFloat and the runtime's parser take first), so the value is
/// bit for bit the parser's. Anything else — more digits, a larger exponent — is left to the parser.
/// </summary>
/// <param name="Mantissa">The digits from the first non-zero one on, as an integer (the first 19 of them).</param>
/// <param name="Significant">How many digits that is; over 19, <paramref name="Mantissa"/> is not all of them.</param>
/// <param name="Power">The power of ten to scale <paramref name="Mantissa"/> by.</param>
/// <param name="Negative">A leading '-'.</param>
internal readonly record struct PlainDecimal(ulong Mantissa, int Significant, int Power, bool Negative)
{
    // Every power of ten a double holds exactly; a float holds those up to 1e10.
    private static readonly double[] DoublePowers =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    private static readonly float[] FloatPowers = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    /// <summary>Reads the cell as it stands (no trimming); false when it is not the plain grammar.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out PlainDecimal number)
    {
        number = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        ulong mantissa = 0;
        var digits = 0;
        var significant = 0;
        var fractionDigits = 0;
        var sawPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                digits++;
                fractionDigits += sawPoint ? 1 : 0;
                if ((mantissa | digit) != 0 && ++significant <= 19)
                {
                    mantissa = mantissa * 10 + digit;
                }
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                break;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        var exponent = 0;
        if (i < text.Length)
        {
            if ((text[i] | 0x20) != 'e')
            {
                return false;
            }
            i++;
            var negativeExponent = false;
            if (i < text.Length && text[i] is '+' or '-')
            {
                negativeExponent = text[i] == '-';
                i++;
            }
            var exponentStart = i;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
            {
                // Far past the fast path's range already; stop before it could overflow.
                exponent = exponent < 100_000 ? exponent * 10 + (text[i] - '0') : exponent;
            }
            if (i == exponentStart || i < text.Length)
            {
                return false;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        number = new PlainDecimal(mantissa, significant, exponent - fractionDigits, negative);
        return true;
    }

    /// <summary>The double, when the fast path gives it (digits within 53 bits, a power of ten within ±22).</summary>
    public bool TryDouble(out double value)
    {
        if (Significant > 19 || Mantissa > 1UL << 53 || Power is < -22 or > 22)
        {
            value = 0;
            return false;
        }
        value = Power < 0 ? Mantissa / DoublePowers[-Power] : Mantissa * DoublePowers[Power];
        value = Negative ? -value : value;
        return true;
    }

    /// <summary>The float, when the fast path gives it (digits within 24 bits, a power of ten within ±10).</summary>
    public bool TryFloat(out float value)
    {
        if (Significant > 19 || Mantissa > 1UL << 24 || Power is < -10 or > 10)
        {
            value = 0;
            return false;
        }
        var mantissa = (float)Mantissa;
        value = Power < 0 ? mantissa / FloatPowers[-Power] : mantissa * FloatPowers[Power];
        value = Negative ? -value : value;
        return true;
    }
}
