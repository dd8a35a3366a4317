using System.Security.Cryptography;
using System.Text;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class DatasetInspectorTests : TempFolderTest
{
    private sealed record Inspection(DatasetSummary? Summary, string[] Lines, string File, int ErrorCount)
    {
        public string[] Errors(string code) => Lines.Where(line => line.Contains($": error {code}:", StringComparison.Ordinal)).ToArray();

        public string SingleError(string code)
        {
            var errors = Errors(code);
            Assert.HasCount(1, errors, $"expected one {code}; output was:\n{string.Join('\n', Lines)}");
            return errors[0];
        }
    }

    private Inspection Inspect(string content, string name = "data.csv", char separator = ',', bool hasHeader = true) =>
        InspectBytes(new UTF8Encoding(false).GetBytes(content), name, separator, hasHeader);

    private Inspection InspectBytes(byte[] content, string name = "data.csv", char separator = ',', bool hasHeader = true)
    {
        var path = Temp.WriteBytes(name, content);
        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);
        var summary = DatasetInspector.Inspect(new DatasetJob("data", path, separator, hasHeader, Temp.File("summary.json")), diagnostics);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Inspection(summary, lines, path, diagnostics.ErrorCount);
    }

    private static void AssertClean(Inspection inspection)
    {
        Assert.AreEqual(0, inspection.ErrorCount, string.Join('\n', inspection.Lines));
        Assert.IsNotNull(inspection.Summary);
    }

    [TestMethod]
    public void NumericAndTextColumnsAreInferred()
    {
        var inspection = Inspect("age,city,score\n34,Paris,1.5\n51,Oslo,-2e3\n29,Lima,0\n");

        AssertClean(inspection);
        var summary = inspection.Summary!;
        CollectionAssert.AreEqual(new[] { "age", "city", "score" }, summary.Columns.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(
            new[] { ColumnSummary.Number, ColumnSummary.Text, ColumnSummary.Number },
            summary.Columns.Select(c => c.Type).ToArray());
        Assert.AreEqual(3L, summary.Rows);
        Assert.AreEqual("data", summary.Name);
        Assert.AreEqual(',', summary.Separator);
        Assert.IsTrue(summary.HasHeader);
    }

    [TestMethod]
    public void ColumnOfMostlyTextIsTextEvenWithSomeNumbers()
    {
        var inspection = Inspect("code\nA1\nB2\n7\nC3\n");

        AssertClean(inspection);
        Assert.AreEqual(ColumnSummary.Text, inspection.Summary!.Columns[0].Type);
    }

    [TestMethod]
    public void NonNumericValueInNumericColumnIsAnErrorAtItsCell()
    {
        var inspection = Inspect("a,b,c\n1,2,3\n4,5,6\n7,oops,9\n10,11,12\n");

        Assert.IsNull(inspection.Summary);
        Assert.AreEqual(1, inspection.ErrorCount);
        var error = inspection.SingleError(ErrorCodes.NonNumericValue);
        StringAssert.StartsWith(error, $"{inspection.File}(4,2) : error RB2001: ");
        StringAssert.Contains(error, "'oops'");
        StringAssert.Contains(error, "'b'");
    }

    [TestMethod]
    public void NonNumericValueAfterTheInferenceSampleIsStillReportedAtItsLine()
    {
        var rows = Enumerable.Range(0, DatasetInspector.InferenceRows + 50).Select(i => i == DatasetInspector.InferenceRows + 10 ? "x,bad" : $"x,{i}");
        var inspection = Inspect("name,value\n" + string.Join('\n', rows) + "\n");

        // Header is line 1, row i is line i + 2.
        var error = inspection.SingleError(ErrorCodes.NonNumericValue);
        StringAssert.StartsWith(error, $"{inspection.File}({DatasetInspector.InferenceRows + 12},2) : error RB2001");
    }

    [TestMethod]
    public void LineNumbersCountPhysicalLinesWhenAnEarlierQuotedFieldSpansLines()
    {
        var inspection = Inspect("id,note,value\n1,\"first line\nsecond line\nthird line\",10\n2,plain,20\n3,\"x\",oops\n");

        // The quoted note spans lines 2-4, so row 3 starts on line 6.
        var error = inspection.SingleError(ErrorCodes.NonNumericValue);
        StringAssert.StartsWith(error, $"{inspection.File}(6,3) : error RB2001");
    }

    [TestMethod]
    public void QuotedSeparatorsAndNewlinesDoNotSplitFields()
    {
        var inspection = Inspect("id,note\n1,\"a, b\"\n2,\"c\nd\"\n3,\"say \"\"hi\"\"\"\n");

        AssertClean(inspection);
        Assert.AreEqual(3L, inspection.Summary!.Rows);
        Assert.AreEqual(ColumnSummary.Text, inspection.Summary.Columns[1].Type);
    }

    [TestMethod]
    public void BlankLinesHoldNoRowsAndLineNumbersStillCountThem()
    {
        var inspection = Inspect("a,b\n1,2\n\n3,x\n   \n5,6\n\n\n");

        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.NonNumericValue), $"{inspection.File}(4,2)");
        Assert.IsEmpty(inspection.Errors(ErrorCodes.WrongFieldCount));
        AssertClean(Inspect("a,b\n1,2\n\n5,6\n\n"));
        Assert.AreEqual(2, Inspect("a,b\n1,2\n\n5,6\n\n").Summary!.Rows);
    }

    [TestMethod]
    public void RaggedRowsAreErrorsAtTheirLine()
    {
        var inspection = Inspect("a,b,c\n1,2,3\n4,5\n7,8,9,10\n11,12,13\n");

        Assert.IsNull(inspection.Summary);
        var errors = inspection.Errors(ErrorCodes.WrongFieldCount);
        Assert.HasCount(2, errors);
        StringAssert.StartsWith(errors[0], $"{inspection.File}(3,");
        StringAssert.Contains(errors[0], "2 fields");
        StringAssert.StartsWith(errors[1], $"{inspection.File}(4,");
        StringAssert.Contains(errors[1], "4 fields");
    }

    [TestMethod]
    public void HeaderOnlyFileHasNoData()
    {
        var inspection = Inspect("a,b,c\n");

        Assert.IsNull(inspection.Summary);
        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.NoData), $"{inspection.File}(1,1) : error RB2003");
    }

    [TestMethod]
    public void EmptyFileHasNoData()
    {
        var inspection = Inspect("");

        Assert.IsNull(inspection.Summary);
        StringAssert.Contains(inspection.SingleError(ErrorCodes.NoData), "empty");
    }

    [TestMethod]
    public void DuplicateHeaderNameIsAnErrorAtTheSecondOccurrence()
    {
        var inspection = Inspect("a,b,a\n1,2,3\n");

        Assert.IsNull(inspection.Summary);
        var error = inspection.SingleError(ErrorCodes.DuplicateColumn);
        StringAssert.StartsWith(error, $"{inspection.File}(1,3) : error RB2004");
        StringAssert.Contains(error, "'a'");
    }

    [TestMethod]
    public void MissingTokensAreCountedAsMissingNotAsErrors()
    {
        var inspection = Inspect("x,y\n1,a\n,b\nNA,c\n?,d\n5,\n6,NA\n");

        AssertClean(inspection);
        var columns = inspection.Summary!.Columns;
        Assert.AreEqual(ColumnSummary.Number, columns[0].Type);
        Assert.AreEqual(3L, columns[0].Missing);
        Assert.AreEqual(ColumnSummary.Text, columns[1].Type);
        Assert.AreEqual(2L, columns[1].Missing);
    }

    [TestMethod]
    public void ColumnWithOnlyMissingValuesIsNumeric()
    {
        var inspection = Inspect("x,y\n1,\n2,NA\n");

        AssertClean(inspection);
        Assert.AreEqual(ColumnSummary.Number, inspection.Summary!.Columns[1].Type);
        Assert.AreEqual(2L, inspection.Summary.Columns[1].Missing);
    }

    [TestMethod]
    public void CrlfLineEndingsWork()
    {
        var clean = Inspect("a,b\r\n1,2\r\n3,4\r\n");
        AssertClean(clean);
        Assert.AreEqual("b", clean.Summary!.Columns[1].Name, "no carriage return in the last column's name");
        Assert.AreEqual(ColumnSummary.Number, clean.Summary.Columns[1].Type);
        Assert.AreEqual(2L, clean.Summary.Rows);

        var inspection = Inspect("a,b\r\n1,2\r\n3,oops\r\n5,6\r\n");
        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.NonNumericValue), $"{inspection.File}(3,2) : error RB2001");
    }

    [TestMethod]
    public void ByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("first,second\n1,2\n")).ToArray();
        var inspection = InspectBytes(bytes);

        AssertClean(inspection);
        Assert.AreEqual("first", inspection.Summary!.Columns[0].Name);
        Assert.AreEqual(ColumnSummary.Number, inspection.Summary.Columns[0].Type);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), inspection.Summary.Sha256, "the digest covers the file's bytes, BOM included");
    }

    [TestMethod]
    public void MoreThanTwentyFindingsOfOneCodeAreCappedWithOneSummaryLine()
    {
        // 60 rows, 25 of them bad: the column stays numeric, 25 RB2001 findings.
        var rows = Enumerable.Range(0, 60).Select(i => i % 2 == 0 && i < 50 ? $"{i},bad{i}" : $"{i},{i}");
        var inspection = Inspect("id,value\n" + string.Join('\n', rows) + "\n");

        Assert.IsNull(inspection.Summary);
        Assert.HasCount(20, inspection.Errors(ErrorCodes.NonNumericValue));
        var summaryLine = inspection.SingleError(ErrorCodes.MoreFindings);
        StringAssert.Contains(summaryLine, "5 more RB2001");
        StringAssert.Contains(summaryLine, "25 in all");
        StringAssert.StartsWith(summaryLine, $"{inspection.File} : error RB2099");
        Assert.AreEqual(21, inspection.ErrorCount);
    }

    [TestMethod]
    public void TwentyFindingsAreListedWithoutASummaryLine()
    {
        var rows = Enumerable.Range(0, 60).Select(i => i < 20 ? $"{i},bad" : $"{i},{i}");
        var inspection = Inspect("id,value\n" + string.Join('\n', rows) + "\n");

        Assert.HasCount(20, inspection.Errors(ErrorCodes.NonNumericValue));
        Assert.IsEmpty(inspection.Errors(ErrorCodes.MoreFindings));
    }

    [TestMethod]
    public void Sha256AndSizeInTheSummaryMatchTheFileBytes()
    {
        var content = "a,b\n1,2\n3,4\n";
        var inspection = Inspect(content);

        AssertClean(inspection);
        var bytes = File.ReadAllBytes(inspection.File);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), inspection.Summary!.Sha256);
        Assert.AreEqual((long)bytes.Length, inspection.Summary.Size);
    }

    [TestMethod]
    public void Sha256CoversTheWholeFileEvenWhenItIsLargerThanOneBuffer()
    {
        var content = "a,b\n" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i},{i * 3}\n"));
        var inspection = Inspect(content);

        AssertClean(inspection);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(inspection.File))), inspection.Summary!.Sha256);
        Assert.AreEqual(30_000L, inspection.Summary.Rows);
    }

    [TestMethod]
    public void WithoutHeaderColumnsAreNamedColumn1ToN()
    {
        var inspection = Inspect("1,x,3\n4,y,6\n", hasHeader: false);

        AssertClean(inspection);
        CollectionAssert.AreEqual(new[] { "Column1", "Column2", "Column3" }, inspection.Summary!.Columns.Select(c => c.Name).ToArray());
        Assert.AreEqual(2L, inspection.Summary.Rows, "the first line is data when there is no header");
        Assert.IsFalse(inspection.Summary.HasHeader);
    }

    [TestMethod]
    public void WithoutHeaderErrorsPointAtTheRightLine()
    {
        var inspection = Inspect("1,2\n3,4\n5,x\n6,7\n", hasHeader: false);

        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.NonNumericValue), $"{inspection.File}(3,2) : error RB2001");
    }

    [TestMethod]
    public void WithoutHeaderAnErrorInTheFirstRowIsOnLineOne()
    {
        var inspection = Inspect("1,x\n3,4\n5,6\n", hasHeader: false);

        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.NonNumericValue), $"{inspection.File}(1,2) : error RB2001");
    }

    [TestMethod]
    public void DuplicateNameInAHeaderWhoseFirstFieldSpansLinesIsOnLineOne()
    {
        var inspection = Inspect("\"long\nname\",b,b\n1,2,3\n");

        StringAssert.StartsWith(inspection.SingleError(ErrorCodes.DuplicateColumn), $"{inspection.File}(1,3) : error RB2004");
    }

    [TestMethod]
    public void TabSeparatedFilesAreSplitOnTabs()
    {
        var inspection = Inspect("name\tvalue\nhello, world\t1.5\nbye\t2\n", name: "data.tsv", separator: '\t');

        AssertClean(inspection);
        CollectionAssert.AreEqual(new[] { "name", "value" }, inspection.Summary!.Columns.Select(c => c.Name).ToArray());
        Assert.AreEqual(ColumnSummary.Number, inspection.Summary.Columns[1].Type);
        Assert.AreEqual('\t', inspection.Summary.Separator);
    }

    [TestMethod]
    public void AllFindingsOfAFileAreReportedInOnePass()
    {
        var inspection = Inspect("a,a\n1,2\n3\nx,4\n5,6\n7,8\n");

        Assert.HasCount(1, inspection.Errors(ErrorCodes.DuplicateColumn));
        Assert.HasCount(1, inspection.Errors(ErrorCodes.WrongFieldCount));
        Assert.HasCount(1, inspection.Errors(ErrorCodes.NonNumericValue));
    }

    [TestMethod]
    public void UnusableSeparatorIsAUserError()
    {
        var error = Assert.ThrowsExactly<UserError>(() => Inspect("a\"b\n1\"2\n", separator: '"'));
        Assert.AreEqual(ErrorCodes.InvalidMetadataValue, error.Code);
    }
}
