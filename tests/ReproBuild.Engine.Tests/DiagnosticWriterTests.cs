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
}
