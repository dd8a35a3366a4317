using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class DiagnosticWriterTests
{
    [TestMethod]
    public void ErrorsUseMSBuildsCanonicalFormatWithFileLineAndColumn()
    {
        var output = new StringWriter();
        var writer = new DiagnosticWriter(output);

        writer.Error("RB2001", "bad value", "/d/x.csv", 42, 3);
        writer.Error("RB1001", "no file");
        writer.Warning("RB3004", "careful", "/p/App.csproj");

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.AreEqual(
            new[]
            {
                "/d/x.csv(42,3) : error RB2001: bad value",
                "ReproBuild : error RB1001: no file",
                "/p/App.csproj : warning RB3004: careful",
            },
            lines);
        Assert.AreEqual(2, writer.ErrorCount, "warnings do not count as errors");
    }

    [TestMethod]
    public void NewlinesInAMessageDoNotSplitTheDiagnostic()
    {
        var output = new StringWriter();
        new DiagnosticWriter(output).Error(new UserError("RB2001", "value 'a\nb' is bad", "/d/x.csv", 2, 0));

        Assert.AreEqual(@"/d/x.csv(2,1) : error RB2001: value 'a\nb' is bad", output.ToString().TrimEnd());
    }

    /// <summary>
    /// A data file may hold any character; what a message quotes from it must not put a NUL, an escape sequence or
    /// a line break into the build log, whichever message it is and whichever way it is printed. (The cases are
    /// not data rows: test names and logs would carry the raw characters.)
    /// </summary>
    [TestMethod]
    public void ControlCharactersAreShownEscapedInEveryPrintedMessage()
    {
        (string Value, string Shown)[] cases =
        [
            ("7\0\0", @"7\0\0"),
            ("a\tb", @"a\tb"),
            ("a\r\nb", @"a\r\nb"),
            ("\u001b[31mred", @"\u001B[31mred"),
            ("del\u007f", @"del\u007F"),
            ("next\u0085line", @"next\u0085line"),
            ("line\u2028separator", @"line\u2028separator"),
            ("plain é 日本 😀 \\ ok", "plain é 日本 😀 \\ ok"),
        ];
        foreach (var (value, shown) in cases)
        {
            var output = new StringWriter();
            var writer = new DiagnosticWriter(output);
            var error = new UserError("RB2001", $"value '{value}' is bad", "/d/x.csv", 2, 3);

            writer.Error(error);
            writer.Warning("RB2103", $"header '{value}'", "/d/x.schema.json");
            writer.Info($"trained on '{value}'");

            CollectionAssert.AreEqual(
                new[]
                {
                    $"/d/x.csv(2,3) : error RB2001: value '{shown}' is bad",
                    $"/d/x.schema.json : warning RB2103: header '{shown}'",
                    $"trained on '{shown}'",
                },
                output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries),
                shown);
            Assert.AreEqual($"/d/x.csv(2,3): error RB2001: value '{shown}' is bad", error.Describe());
        }
    }

    [TestMethod]
    public void AWriterAtAnElementPutsWhatItIsToldAboutTheWholeFileThere()
    {
        var output = new StringWriter();
        var writer = new DiagnosticWriter(output);
        var atModel = writer.At("/p/App.csproj", 12, 5);

        atModel.Error("RB1006", "bad parameter", "/p/App.csproj");
        atModel.Warning("RB3011", "no metrics", "/p/App.csproj");
        atModel.Error("RB2001", "bad cell", "/d/x.csv", 3, 2);
        atModel.Error("RB2003", "no data", "/d/x.csv");
        Assert.AreSame(writer, writer.At("/p/App.csproj", 0, 0), "an element that was not found changes nothing");

        CollectionAssert.AreEqual(
            new[]
            {
                "/p/App.csproj(12,5) : error RB1006: bad parameter",
                "/p/App.csproj(12,5) : warning RB3011: no metrics",
                "/d/x.csv(3,2) : error RB2001: bad cell",
                "/d/x.csv : error RB2003: no data",
            },
            output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.AreEqual(3, writer.ErrorCount, "errors at an element count for the whole run");
    }
}
