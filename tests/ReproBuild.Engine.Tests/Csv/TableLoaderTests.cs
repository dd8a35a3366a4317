using System.Text;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>
/// The loader that training and test-time evaluation read data with: it reads cells by the same rules as the
/// inspection, and stops at the first problem with one <see cref="UserError"/> at its line and column.
/// </summary>
[TestClass]
public sealed class TableLoaderTests : TempFolderTest
{
    private static Table Load(string path) =>
        TableLoader.Load(path, "data", ',', hasHeader: true, name => name == "value" ? ColumnReader.Number : ColumnReader.Text, expectedSha256: null);

    private static UserError LoadFails(string path)
    {
        try
        {
            Load(path);
        }
        catch (UserError error)
        {
            return error;
        }
        catch (Exception e) when (e is not AssertFailedException)
        {
            Assert.Fail($"the loader threw {e.GetType().Name} instead of a UserError: {e.Message}");
        }
        Assert.Fail("the loader read the file without an error");
        return null!;
    }

    /// <summary>Sep throws already when it opens a file whose first row is too long, so the header needs the same care as any row.</summary>
    [TestMethod]
    [DataRow("header", "value,", "\n1,a\n", 1)]
    [DataRow("first data row", "value,note\n1,", "\n2,b\n", 2)]
    [DataRow("after a row on two lines", "value,note\n1,\"two\nlines\"\n2,", "\n", 4)]
    public void RowLongerThanTheReaderCanHoldIsAnUnreadableDataErrorAtItsLine(string where, string before, string after, int line)
    {
        var content = new StringBuilder(before).Append('x', 17 << 20).Append(after).ToString();

        var error = LoadFails(Temp.Write("huge-row.csv", content));

        Assert.AreEqual(ErrorCodes.UnreadableData, error.Code, where);
        Assert.AreEqual((line, 1), (error.Line, error.Column), where);
    }

    [TestMethod]
    public void ControlCharacterInANumberIsNoNumberAndIsShownEscaped()
    {
        var path = Temp.Write("data.csv", "value,note\n1.5,a\n7\0\0,b\n");

        var error = LoadFails(path);

        Assert.AreEqual(ErrorCodes.ColumnTypeMismatch, error.Code);
        Assert.AreEqual($@"{path}(3,1): error RB2006: value '7\0\0' in column 'value' is not a number, but the column is numeric for dataset 'data'.", error.Describe());
    }

    /// <summary>The default rule reads numbers with .NET's parser, which alone would take each of these for 7.</summary>
    [TestMethod]
    public void DefaultNumberRuleRefusesEveryControlCharacter()
    {
        string[] sevens = ["7\0\0", "7\0", "\t7", "7\t", "7\r\n", "\n7", "7\v", "\f7", " 7\0 "];
        foreach (var seven in sevens)
        {
            Assert.IsFalse(ColumnReader.Number.TryReadNumber(seven, out _), CsvInspection.Escape(seven));
            Assert.IsFalse(DelimitedFile.TryParseNumber(seven, out _), CsvInspection.Escape(seven));
        }
        Assert.IsTrue(ColumnReader.Number.TryReadNumber(" 7 ", out var spaced));
        Assert.AreEqual(7f, spaced);
        Assert.IsTrue(ColumnReader.Number.TryReadNumber("\t", out var missing), "a cell of white space is missing");
        Assert.IsTrue(float.IsNaN(missing));
    }

    [TestMethod]
    public void ValueQuotedInAMessageIsCutWithoutSplittingACharacter()
    {
        var path = Temp.Write("data.csv", $"value\n1\n{new string('x', 36)}😀{new string('y', 100)}\n");

        var error = LoadFails(path);

        StringAssert.Contains(error.Message, $"value '{new string('x', 36)}...' in column 'value'");
    }
}
