using System.Reflection;
using System.Text;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>
/// Inspects each hand-written file of <c>Csv/Corpus</c> (copied byte for byte to the output folder) and asserts the
/// exact outcome: a clean summary with its row count, column types and missing counts, or exactly these findings
/// at these lines and columns. Column numbers count fields, and line numbers count physical lines (CRLF, LF and a
/// lone CR each end one), including the lines inside quoted fields and blank lines. Large files are generated here.
/// </summary>
[TestClass]
public sealed class CsvCorpusTests : TempFolderTest
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Csv", "Corpus");

    private static char SeparatorOf(string file) => file.EndsWith(".tsv", StringComparison.Ordinal) ? '\t' : ',';

    private static CsvInspection InspectCorpus(string file)
    {
        var path = Path.Combine(CorpusFolder, file);
        Assert.IsTrue(File.Exists(path), $"{path} is not in the output folder");
        return CsvInspection.Run(path, SeparatorOf(file));
    }

    /// <param name="columns">Each column as <c>name:type:missing</c> (the name may itself hold ':' or ',').</param>
    [TestMethod]
    [DataRow("utf8-no-bom.csv", 3, new[] { "id:number:0", "name:text:0", "score:number:0" })]
    [DataRow("utf8-bom.csv", 4, new[] { "id:number:0", "name:text:0", "city:text:0" })]
    [DataRow("crlf.csv", 3, new[] { "id:number:0", "name:text:0", "score:number:0" })]
    [DataRow("mixed-line-endings.csv", 5, new[] { "id:number:0", "name:text:0", "score:number:0" })]
    [DataRow("quoted-fields.csv", 7, new[] { "id:number:0", "note:text:1", "value:number:0" })]
    [DataRow("quoted-header.csv", 2, new[] { "a,b:number:0", "c \"q\":number:0", "multi\nline:number:0" })]
    [DataRow("no-final-newline.csv", 2, new[] { "id:number:0", "name:text:0" })]
    [DataRow("blank-lines.csv", 3, new[] { "id:number:0", "value:number:0" })]
    [DataRow("missing-tokens.csv", 10, new[] { "num:number:8", "text:text:7", "allmissing:number:10" })]
    [DataRow("number-formats.csv", 8, new[] { "value:number:0", "label:text:0" })]
    [DataRow("tab-separated.tsv", 3, new[] { "name:text:1", "value:number:1", "note:text:0" })]
    [DataRow("single-column.csv", 3, new[] { "value:number:0" })]
    // A quoted empty field is a value, not a blank line (RFC 4180; Python's csv writer writes a row [""] this way).
    [DataRow("single-column-quoted-empty.csv", 3, new[] { "name:text:1" })]
    public void ValidFileHasNoFindings(string file, int rows, string[] columns)
    {
        var inspection = InspectCorpus(file);

        Assert.IsEmpty(inspection.Findings(), inspection.Output);
        Assert.AreEqual(0, inspection.ErrorCount);
        Assert.IsNotNull(inspection.Summary);
        Assert.AreEqual((long)rows, inspection.Summary.Rows, "data rows");
        var actual = inspection.Summary.Columns.Select(c => $"{c.Name}:{c.Type}:{c.Missing}").ToArray();
        CollectionAssert.AreEqual(columns, actual, $"columns were {string.Join(" | ", actual.Select(CsvInspection.Escape))}");
        Assert.AreEqual(SeparatorOf(file), inspection.Summary.Separator);
        Assert.AreEqual(new FileInfo(inspection.File).Length, inspection.Summary.Size);
    }

    /// <param name="findings">Every finding as <c>RBnnnn(line,column)</c>, in any order.</param>
    [TestMethod]
    [DataRow("empty.csv", new[] { "RB2003(1,1)" })]
    [DataRow("bom-only.csv", new[] { "RB2003(1,1)" })]
    [DataRow("whitespace-only.csv", new[] { "RB2003(1,1)" })]
    [DataRow("header-only.csv", new[] { "RB2003(1,1)" })]
    [DataRow("header-only-no-newline.csv", new[] { "RB2003(1,1)" })]
    [DataRow("header-then-blank-lines.csv", new[] { "RB2003(1,1)" })]
    [DataRow("ragged.csv", new[] { "RB2002(3,3)", "RB2002(4,4)", "RB2002(6,2)" })]
    [DataRow("duplicate-header.csv", new[] { "RB2004(1,3)", "RB2004(1,5)", "RB2004(1,6)" })]
    [DataRow("bom-duplicate-header.csv", new[] { "RB2004(1,3)" })]
    [DataRow("crlf-errors.csv", new[] { "RB2002(3,3)", "RB2001(4,3)" })]
    [DataRow("mixed-line-endings-error.csv", new[] { "RB2001(5,2)" })]
    [DataRow("quoted-newlines-then-error.csv", new[] { "RB2001(8,3)", "RB2002(10,4)" })]
    [DataRow("no-final-newline-error.csv", new[] { "RB2001(4,2)" })]
    [DataRow("blank-lines-error.csv", new[] { "RB2001(6,2)", "RB2002(9,2)" })]
    [DataRow("tab-separated-error.tsv", new[] { "RB2002(3,2)", "RB2001(5,2)" })]
    // 1,200 rows; the type is decided after 1,000; row 500's note spans two lines, so row 1,100 starts on line 1,102.
    [DataRow("bad-number-after-row-1000.csv", new[] { "RB2001(1102,3)" })]
    // NUL, tab, ESC, a quoted CRLF, a vertical tab: a control character anywhere makes a cell no number, although
    // .NET's parser reads "7\0\0" as 7 and takes the others for white space. Row 6's CRLF puts row 7 on line 9.
    [DataRow("control-characters-in-numbers.csv", new[] { "RB2001(3,2)", "RB2001(5,2)", "RB2001(6,2)", "RB2001(7,2)", "RB2001(9,2)", "RB2001(10,2)" })]
    public void BrokenFileHasExactlyTheseFindings(string file, string[] findings)
    {
        var inspection = InspectCorpus(file);

        var actual = inspection.Findings().Select(f => f.ToString()).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(findings.Order(StringComparer.Ordinal).ToArray(), actual, inspection.Output);
        Assert.AreEqual(findings.Length, inspection.ErrorCount);
        Assert.IsNull(inspection.Summary, "a file with errors has no summary");
    }

    /// <summary>
    /// An opening quote that never closes must not silently swallow the rest of the file into one field: here rows
    /// 3 and 4 vanish and the summary says 2 rows. Any error pointing at line 3, where the quote opens, will do.
    /// </summary>
    [TestMethod]
    public void UnterminatedQuoteIsAnErrorNotSilentlyTheRestOfTheFile()
    {
        var inspection = InspectCorpus("unterminated-quote.csv");

        var findings = inspection.Findings();
        Assert.IsNull(inspection.Summary, $"the summary counts {inspection.Summary?.Rows} rows of 4 and reports nothing");
        Assert.IsTrue(findings.Any(f => f.Line == 3 && f.Code.StartsWith("RB2", StringComparison.Ordinal)), inspection.Output);
    }

    [TestMethod]
    public void EveryCorpusFileHasAnExpectedOutcome()
    {
        var expected = new[] { nameof(ValidFileHasNoFindings), nameof(BrokenFileHasExactlyTheseFindings) }
            .SelectMany(name => typeof(CsvCorpusTests).GetMethod(name)!.GetCustomAttributes<DataRowAttribute>())
            .Select(row => (string)row.Data[0]!)
            .Append("unterminated-quote.csv")
            .Order(StringComparer.Ordinal)
            .ToArray();
        var files = Directory.GetFiles(CorpusFolder)
            .Select(Path.GetFileName)
            .Where(name => name!.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".tsv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        CollectionAssert.AreEqual(expected, files);
    }

    [TestMethod]
    public void CorpusFilesKeepTheirExactBytes()
    {
        // Git must not normalise line endings here (Csv/Corpus/.gitattributes: * -text).
        Assert.IsTrue(File.ReadAllBytes(Path.Combine(CorpusFolder, "crlf.csv")).AsSpan().IndexOf("\r\n"u8) > 0, "crlf.csv lost its CRLFs");
        Assert.IsTrue(File.ReadAllBytes(Path.Combine(CorpusFolder, "utf8-bom.csv")).AsSpan().StartsWith(Encoding.UTF8.Preamble), "utf8-bom.csv lost its BOM");
        Assert.AreEqual((byte)'b', File.ReadAllBytes(Path.Combine(CorpusFolder, "no-final-newline.csv"))[^1]);
        Assert.AreEqual(0L, new FileInfo(Path.Combine(CorpusFolder, "empty.csv")).Length);
    }

    [TestMethod]
    public void OneMegabyteFieldsAreReadWholeAndLaterLinesStillCount()
    {
        const int Megabyte = 1 << 20;
        var plain = new string('x', Megabyte);
        var quoted = new StringBuilder();
        var newlines = 0;
        while (quoted.Length < Megabyte)
        {
            quoted.Append("ab, \"\"q\"\" \n");
            newlines++;
        }
        var head = $"id,text,value\n1,{plain},2\n2,\"{quoted}\",3\n";

        var clean = CsvInspection.Run(Temp.Write("clean.csv", head + "3,c,4\n4,d,5\n"), ',');
        Assert.IsEmpty(clean.Findings(), clean.Output);
        Assert.AreEqual(4L, clean.Summary!.Rows);
        Assert.AreEqual(ColumnSummary.Text, clean.Summary.Columns[1].Type);
        Assert.AreEqual(ColumnSummary.Number, clean.Summary.Columns[2].Type);

        // Header line 1, row 1 line 2, row 2 lines 3 to 3 + newlines, then row 3.
        var broken = CsvInspection.Run(Temp.Write("broken.csv", head + "3,c,oops\n4,d,5\n5,e,6\n"), ',');
        CollectionAssert.AreEqual(new[] { $"RB2001({4 + newlines},3)" }, broken.Findings().Select(f => f.ToString()).ToArray(), broken.Output);
    }

    /// <summary>
    /// Sep refuses a row longer than 16 Mi characters (<c>NotSupportedException</c>), which a stray quote in a large
    /// file produces — already when it opens the file if the first row is that long. That is a problem in the
    /// user's data: one RB2007 at the line the row starts on, not a crash of the engine, and nothing else (the rest
    /// of the file is unread, so "no data rows" would be a guess).
    /// </summary>
    [TestMethod]
    [DataRow("header", "id,", "\n1,2\n", 1, new string[0])]
    [DataRow("first data row", "id,note\n1,", "\n2,b\n", 2, new string[0])]
    [DataRow("quote never closed", "id,note\n1,\"never closed ", "\n2,b\n", 2, new string[0])]
    [DataRow("after a row on two lines and a blank line", "id,note\n1,\"two\nlines\"\n\n2,", "\n3,c\n", 5, new string[0])]
    // The rows before it are still checked.
    [DataRow("after rows that were checked", "id,value\n1,1\n2,oops\n3,2\n4,3\n5,", "\n", 6, new[] { "RB2001(3,2)" })]
    public void RowLongerThanTheReaderCanHoldIsOneErrorAtItsLine(string where, string before, string after, int line, string[] earlier)
    {
        var content = new StringBuilder(before);
        content.Append('x', 17 << 20).Append(after);
        var path = Temp.Write("huge-row.csv", content.ToString());

        CsvInspection inspection = null!;
        try
        {
            inspection = CsvInspection.Run(path, ',');
        }
        catch (Exception e) when (e is not AssertFailedException)
        {
            Assert.Fail($"{where}: Inspect threw instead of reporting an error: {e.GetType().Name}: {e.Message}");
        }
        var expected = earlier.Append($"RB2007({line},1)").ToArray();
        CollectionAssert.AreEqual(expected, inspection.Findings().Select(f => f.ToString()).ToArray(), $"{where}: {inspection.Output}");
        StringAssert.Contains(inspection.Output, $"the row that starts on line {line} is longer than the 16,777,216 characters");
        Assert.IsNull(inspection.Summary);
    }

    [TestMethod]
    public void ControlCharactersFromTheFileAreShownEscapedNeverPrinted()
    {
        var inspection = InspectCorpus("control-characters-in-numbers.csv");

        StringAssert.Contains(inspection.Output, @"(3,2) : error RB2001: value '7\0\0' in numeric column 'value' is not a number");
        StringAssert.Contains(inspection.Output, @"value '\t3'");
        StringAssert.Contains(inspection.Output, @"value '4\u001B'");
        StringAssert.Contains(inspection.Output, @"value '5\r\n'");
        Assert.IsFalse(inspection.Lines.Any(line => line.Any(char.IsControl)), CsvInspection.Escape(inspection.Output));
    }
}
