namespace ReproBuild.Engine.Schema;

/// <summary>How values appear in messages.</summary>
internal static class CellText
{
    public const int MaxShown = 40;

    /// <summary>The value, cut to 40 characters (37 and "...") so that one bad cell cannot flood the error list.</summary>
    public static string Truncate(ReadOnlySpan<char> value) =>
        value.Length <= MaxShown ? value.ToString() : string.Concat(value[..(MaxShown - 3)], "...");
}
