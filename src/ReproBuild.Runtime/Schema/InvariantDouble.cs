using System.Globalization;
using csFastFloat;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// Text to the double <c>double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)</c> gives, bit for bit,
/// several times faster: csFastFloat, Lemire's fast_float (Eisel-Lemire, with an exact fallback for the rare hard
/// cases; the parser Sep's own <c>Parse&lt;double&gt;</c> ports). Grammar is not its job: callers pass text their own
/// grammar accepted (<see cref="NumberSyntax"/>), and whatever the fast parser does not take whole goes to the runtime.
/// </summary>
internal static class InvariantDouble
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        // fast_float reads a '-' but, like C's from_chars, not a '+'.
        var unsigned = text.Length > 1 && text[0] == '+' && text[1] != '-' ? text[1..] : text;
        if (FastDoubleParser.TryParseDouble(unsigned, out var consumed, out value) && consumed == unsigned.Length)
        {
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
