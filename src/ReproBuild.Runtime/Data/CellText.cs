using System.Buffers;
using System.Text;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// Cell text as messages show it, and the characters that have no place in a number or a message: control
/// characters (U+0000–U+001F, U+007F–U+009F) and the line and paragraph separators (U+2028, U+2029). A data file
/// may hold any of them; printed raw, a NUL or an escape sequence garbles a terminal or a CI log and a line break
/// splits one diagnostic in two, so every printed message shows them escaped.
/// </summary>
internal static class CellText
{
    public const int MaxShown = 40;

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(IsControl)]);

    public static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    public static bool HasControl(ReadOnlySpan<char> text) => text.ContainsAny(Controls);

    /// <summary>The value, cut to 40 characters (37 and "...") so that one bad cell cannot flood the error list.</summary>
    public static string Truncate(ReadOnlySpan<char> value)
    {
        if (value.Length <= MaxShown)
        {
            return value.ToString();
        }
        // Never cut between the two halves of a character outside the Basic Multilingual Plane.
        var cut = char.IsHighSurrogate(value[MaxShown - 4]) ? MaxShown - 4 : MaxShown - 3;
        return string.Concat(value[..cut], "...");
    }

    /// <summary>
    /// The message with every control character escaped: <c>\0</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>, else
    /// <c>\uXXXX</c>. Applied where messages are printed, because any part of a message may quote a cell or a header.
    /// </summary>
    public static string Printable(string message)
    {
        if (!HasControl(message))
        {
            return message;
        }
        var printable = new StringBuilder(message.Length + 16);
        foreach (var c in message)
        {
            if (!IsControl(c))
            {
                printable.Append(c);
                continue;
            }
            printable.Append(c switch
            {
                '\0' => @"\0",
                '\t' => @"\t",
                '\n' => @"\n",
                '\r' => @"\r",
                _ => $@"\u{(int)c:X4}",
            });
        }
        return printable.ToString();
    }
}
