using System.Xml;
using System.Xml.Linq;

namespace ReproBuild.Tool.Summary;

/// <summary>
/// The gates' outcome, read from the TRX file <c>dotnet test --logger trx</c> writes: metric gates run as tests, so
/// the summary reports them as the test run recorded them.
/// </summary>
internal sealed record TestResults(string File, IReadOnlyList<TestResult> Results)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestResults Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new ToolError($"{path} is not a TRX file (dotnet test --logger trx writes one): {e.Message}");
        }
        if (document.Root?.Name != Trx + "TestRun")
        {
            throw new ToolError($"{path} is not a TRX file: its root element is <{document.Root?.Name.LocalName}>, not <TestRun>.");
        }
        var results = document.Descendants(Trx + "UnitTestResult").Select(r => new TestResult(
            (string?)r.Attribute("testName") ?? "",
            (string?)r.Attribute("outcome") ?? "",
            (string?)r.Element(Trx + "Output")?.Element(Trx + "ErrorInfo")?.Element(Trx + "Message")))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new TestResults(path, results);
    }
}

/// <param name="Outcome">TRX's outcome: Passed, Failed, NotExecuted, …</param>
/// <param name="Message">The assertion message of a failed test.</param>
internal sealed record TestResult(string Name, string Outcome, string? Message)
{
    public bool Passed => Outcome == "Passed";
}
