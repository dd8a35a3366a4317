using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// Data the CSV reader cannot hold or used to read wrongly, built through the packed package: a header or field
/// longer than the reader's 16 Mi characters is one RB2007 at the line it starts on, not an engine failure and no
/// guess about the unread rest; a NUL after a number's digits makes the cell no number, and the build log shows
/// it escaped, never raw.
/// </summary>
[TestClass]
public sealed class DataReaderFaultTests
{
    private const int OverTheReadersLimit = 17 << 20;

    /// <remarks>
    /// Sep throws already when it opens a file whose first row is too long, which used to escape as RB3001; and
    /// stopping on the first data row used to add RB2003 "a header but no data rows" about rows never read.
    /// </remarks>
    [TestMethod]
    [DataRow("the header", "id,", "\n1,2\n", 1)]
    [DataRow("a field of the first data row", "id,note\n1,", "\n2,short\n", 2)]
    public void ATooLongRowIsOneUnreadableDataErrorAtItsLine(string where, string before, string after, int line)
    {
        var project = UserProject.Create("""<Dataset Include="data/wide.csv" />""");
        project.WriteFile("data/wide.csv", before + new string('x', OverTheReadersLimit) + after);

        var result = project.Build().ShouldFail();

        result.ShouldHaveNoStackTrace();
        var data = Path.Combine(project.Directory, "data", "wide.csv");
        Assert.HasCount(1, result.Errors, $"{where}:\n{string.Join("\n", result.Errors)}");
        StringAssert.StartsWith(result.Errors[0], $"{data}({line},1): error RB2007: the row that starts on line {line} is longer than the 16,777,216 characters a row may hold", where);
        Assert.IsFalse(result.Output.Contains("RB3001", StringComparison.Ordinal), result.Output);
        Assert.IsFalse(result.Output.Contains("RB2003", StringComparison.Ordinal), result.Output);
    }

    [TestMethod]
    public void ANulAfterTheDigitsIsNoNumberAndIsNeverPrintedRaw()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/plain.csv" />
            <Dataset Include="data/typed.csv" Schema="data/typed.schema.json" />
            <Model Include="Sizes" Dataset="plain" Task="Regression" LabelColumn="score" />
            """);
        var rows = Enumerable.Range(1, 30).Select(i => $"{i}.5,{i * 10}").ToArray();
        rows[2] = "3.5,7\0\0";
        project.WriteFile("data/plain.csv", "score,size\n" + string.Join("\n", rows) + "\n");
        project.WriteFile("data/typed.schema.json", """
            { "fields": [ { "name": "n", "type": "number" }, { "name": "i", "type": "integer" }, { "name": "b", "type": "number", "bareNumber": false } ] }
            """);
        project.WriteFile("data/typed.csv", "n,i,b\n1.5,2,3 kg\n7\0\0,7\0\0,7\0\0 kg\n");

        var result = project.Build().ShouldFail();

        result.ShouldHaveNoStackTrace();
        Assert.IsFalse(result.Output.Contains('\0', StringComparison.Ordinal), "a raw NUL reached the build output");
        var plain = Path.Combine(project.Directory, "data", "plain.csv");
        var typed = Path.Combine(project.Directory, "data", "typed.csv");
        string[] expected =
        [
            $@"{plain}(4,2): error RB2001: value '7\0\0' in numeric column 'size' is not a number",
            $@"{typed}(3,1): error RB2010: field 'n' value '7\0\0' is not a valid number.",
            $@"{typed}(3,2): error RB2010: field 'i' value '7\0\0' is not a valid integer.",
            $@"{typed}(3,3): error RB2010: field 'b' value '7\0\0 kg' is not a valid number (bareNumber false).",
        ];
        foreach (var error in expected)
        {
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(error, StringComparison.Ordinal)), $"Missing: {error}\n{string.Join("\n", result.Errors)}");
        }
        Assert.HasCount(expected.Length, result.Errors, string.Join("\n", result.Errors));
    }
}
