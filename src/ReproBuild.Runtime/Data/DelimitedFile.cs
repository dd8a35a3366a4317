using System.Globalization;
using nietras.SeparatedValues;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// Opens a delimited text file with Sep (RFC 4180 quoting, quoted separators and newlines, CRLF or LF, a BOM or
/// none) and the cell rules every reader of a dataset shares. The header row is read as an ordinary row, so that
/// header problems get line and column numbers like any other.
/// </summary>
internal static class DelimitedFile
{
    // Tokens that mean "no value" in the files users bring: empty, R and pandas conventions, UCI's '?'.
    private static readonly string[] MissingTokens = ["NA", "N/A", "NaN", "null", "NULL", "?"];

    public static HashingStream OpenHashed(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan));

    public static SepReader Read(Stream stream, char separator, string path)
    {
        Sep sep;
        try
        {
            sep = Sep.New(separator);
        }
        catch (ArgumentException)
        {
            throw new UserError(ErrorCodes.InvalidMetadataValue, $"'{separator}' cannot be used as a field separator.", path);
        }
        return sep.Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(stream, leaveOpen: true);
    }

    /// <summary>
    /// The physical line a row starts on (1-based). Sep 0.17 reports the first row's <c>LineNumberFrom</c> as the
    /// line after it ends (2 for a one-line header), so the first row is pinned to line 1, where it always starts.
    /// </summary>
    public static int LineOf(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    /// <summary>An empty or whitespace-only line holds no row (as pandas' default <c>skip_blank_lines</c> has it).</summary>
    public static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row[0].Span.IsWhiteSpace();

    public static bool IsMissing(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return true;
        }
        foreach (var token in MissingTokens)
        {
            if (value.Equals(token, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public static bool TryParseNumber(ReadOnlySpan<char> value, out float number) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    public static string[] DefaultColumnNames(int count) =>
        Enumerable.Range(1, count).Select(i => $"Column{i}").ToArray();
}
