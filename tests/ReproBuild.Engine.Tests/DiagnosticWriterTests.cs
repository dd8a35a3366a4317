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

        Assert.AreEqual("/d/x.csv(2,1) : error RB2001: value 'a b' is bad", output.ToString().TrimEnd());
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
