using System.Globalization;

namespace ReproBuild.Tool.Rendering;

/// <summary>Numbers as every output format prints them: invariant culture, six significant digits, explicit signs for changes.</summary>
internal static class Numbers
{
    public const string Missing = "-";

    public static string Value(double? value) => value switch
    {
        null => Missing,
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString("G6", CultureInfo.InvariantCulture),
    };

    public static string Change(double? change) => change switch
    {
        null => Missing,
        0 => "0",
        { } v => (v > 0 ? "+" : "") + v.ToString("G4", CultureInfo.InvariantCulture),
    };

    public static string Percent(double? fraction) => fraction switch
    {
        null => Missing,
        0 => "0%",
        { } v => (v > 0 ? "+" : "") + (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
    };

    public static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The first 8 hex digits of a digest or commit, as git abbreviates.</summary>
    public static string Short(string? digest) => digest is null ? Missing : digest.Length > 8 ? digest[..8] : digest;
}
