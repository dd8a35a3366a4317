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

    /// <summary>The file, read through the SHA-256 stream; unbuffered, as that stream reads it in buffers of its own.</summary>
    public static HashingStream OpenHashed(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));

    public static SepReader Read(Stream stream, char separator, string path) => Read(stream, separator, path, invalidUtf8: null);

    /// <param name="stream">The file's bytes; left open.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="invalidUtf8">Counts invalid UTF-8 byte sequences (each read as U+FFFD); null to read them silently.</param>
    public static SepReader Read(Stream stream, char separator, string path, InvalidUtf8Counter? invalidUtf8)
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
        }).From(invalidUtf8 is null
            ? new StreamReader(stream, leaveOpen: true)
            : new StreamReader(stream, invalidUtf8.CreateEncoding(), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true));
    }

    /// <summary>
    /// The physical line a row starts on (1-based). Sep 0.17 reports the first row's <c>LineNumberFrom</c> as the
    /// line after it ends (2 for a one-line header), so the first row is pinned to line 1, where it always starts.
    /// </summary>
    public static int LineOf(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    /// <summary>An empty or whitespace-only line holds no row (as pandas' default <c>skip_blank_lines</c> has it).</summary>
    /// <remarks>Reads the raw row, so call it before any column: a quoted empty field (<c>""</c>) is a value, not a blank line.</remarks>
    public static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsWhiteSpace();

    /// <summary>
    /// Whether the row opens a quote it never closes: the reader then takes the rest of the file into that field.
    /// Quotes come in pairs in every row that ends properly, so an odd count can only be that. Read the raw row:
    /// call it before any column.
    /// </summary>
    public static bool HasUnclosedQuote(SepReader.Row row) => row.Span.Count('"') % 2 == 1;

    public static UserError UnclosedQuote(string file, int line) =>
        new(ErrorCodes.UnreadableData, "a quoted field that starts on this line is never closed, so the rest of the file would be read into it; close the quote (a quote inside a quoted field is written twice: \"\").", file, line, 1);

    /// <summary>The first column of a row that holds a character decoded from invalid UTF-8, or -1.</summary>
    public static int ColumnWithInvalidUtf8(SepReader.Row row)
    {
        if (!row.Span.Contains('\uFFFD'))
        {
            return -1;
        }
        for (var i = 0; i < row.ColCount; i++)
        {
            if (row[i].Span.Contains('\uFFFD'))
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>The physical line the row after this one starts on (1-based).</summary>
    public static int LineAfter(SepReader.Row row) => row.LineNumberToExcl;

    /// <summary>
    /// Sep holds at most 16 Mi characters in one row (it throws <see cref="NotSupportedException"/>, already when it
    /// is opened if the first row is longer); a longer row is an input problem, not a crash. Reading stops there.
    /// </summary>
    /// <param name="file">The data file.</param>
    /// <param name="line">The physical line the row starts on: 1 before any row was read, else <see cref="LineAfter"/> of the last row read.</param>
    public static UserError RowTooLong(string file, int line) =>
        new(ErrorCodes.UnreadableData, $"the row that starts on line {line} is longer than the 16,777,216 characters a row may hold (often a quote that is never closed); the file is not read past it.", file, line, 1);

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

    /// <summary>
    /// A number in the invariant culture, with spaces around it allowed. A control character anywhere refuses it:
    /// the runtime's parser reads <c>"7\0\0"</c> as 7 (it ignores trailing NULs) and takes tabs and line breaks for
    /// white space.
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> value, out float number)
    {
        // The common cell, plain digits a float holds, is converted in the pass that reads it: the parser's float.
        if (PlainDecimal.TryRead(value, out var plain) && plain.TryFloat(out number))
        {
            return true;
        }
        if (CellText.HasControl(value))
        {
            number = 0;
            return false;
        }
        return float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    public static string[] DefaultColumnNames(int count) =>
        Enumerable.Range(1, count).Select(i => $"Column{i}").ToArray();
}
