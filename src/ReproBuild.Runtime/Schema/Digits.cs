namespace ReproBuild.Runtime.Schema;

/// <summary>Reading fixed runs of ASCII digits without parsing or allocating.</summary>
internal static class Digits
{
    /// <summary>Reads exactly <paramref name="count"/> digits at <paramref name="start"/>.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        if (start < 0 || start + count > text.Length)
        {
            return false;
        }
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Reads between <paramref name="min"/> and <paramref name="max"/> digits (as many as there are) at <paramref name="start"/>.</summary>
    public static int ReadRun(ReadOnlySpan<char> text, int start, int min, int max, out int value)
    {
        value = 0;
        var i = start;
        while (i < text.Length && i - start < max && char.IsAsciiDigit(text[i]))
        {
            value = value * 10 + (text[i] - '0');
            i++;
        }
        return i - start >= min ? i - start : 0;
    }
}
