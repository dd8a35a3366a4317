using System.Text;
using System.Text.RegularExpressions;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>One finding parsed back from a canonical diagnostic line: its code and, when it has one, its location.</summary>
internal sealed record Finding(string Code, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{Code}({Line},{Column})" : Code;
}

/// <summary>
/// Runs <see cref="DatasetInspector.Inspect"/> on a file and parses what it printed. Every printed line must be a
/// canonical MSBuild diagnostic (<c>file(line,col) : error RBxxxx: text</c> or <c>file : error RBxxxx: text</c>);
/// the parse fails the test otherwise, so each test that inspects also checks the output format.
/// </summary>
internal sealed partial class CsvInspection
{
    private CsvInspection(string file, DatasetSummary? summary, string output, int errorCount)
    {
        File = file;
        Summary = summary;
        Output = output;
        ErrorCount = errorCount;
        Lines = output.Split(Environment.NewLine);
        if (Lines.Length > 0 && Lines[^1].Length == 0)
        {
            Lines = Lines[..^1];
        }
    }

    public string File { get; }

    public DatasetSummary? Summary { get; }

    public string Output { get; }

    public string[] Lines { get; }

    public int ErrorCount { get; }

    public static CsvInspection Run(string file, char separator, bool hasHeader = true)
    {
        var output = new StringWriter { NewLine = Environment.NewLine };
        var diagnostics = new DiagnosticWriter(output);
        var summary = DatasetInspector.Inspect(new DatasetJob("data", file, separator, hasHeader, file + ".summary.json"), diagnostics);
        return new CsvInspection(file, summary, output.ToString(), diagnostics.ErrorCount);
    }

    /// <summary>A located diagnostic: <c>origin(line,col) : severity RBnnnn: message</c>.</summary>
    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\) : (?<severity>error|warning) (?<code>RB\d{4}): (?<message>.+)$")]
    internal static partial Regex Located();

    /// <summary>A diagnostic about the whole file: <c>origin : error RBnnnn: message</c>.</summary>
    [GeneratedRegex(@"^(?<file>.+) : (?<severity>error) (?<code>RB\d{4}): (?<message>.+)$")]
    internal static partial Regex Unlocated();

    /// <summary>Parses one printed line; null when it is not in either canonical form.</summary>
    public static (string File, string Severity, Finding Finding)? Parse(string line)
    {
        if (Located().Match(line) is { Success: true } located)
        {
            return (located.Groups["file"].Value, located.Groups["severity"].Value, new Finding(
                located.Groups["code"].Value,
                int.Parse(located.Groups["line"].Value),
                int.Parse(located.Groups["column"].Value)));
        }
        if (Unlocated().Match(line) is { Success: true } unlocated)
        {
            return (unlocated.Groups["file"].Value, unlocated.Groups["severity"].Value, new Finding(unlocated.Groups["code"].Value, 0, 0));
        }
        return null;
    }

    /// <summary>The findings, in the order printed; fails unless every line is canonical and names the inspected file.</summary>
    public IReadOnlyList<Finding> Findings()
    {
        var findings = new List<Finding>();
        foreach (var line in Lines)
        {
            var parsed = Parse(line);
            Assert.IsNotNull(parsed, $"not a canonical diagnostic: {Escape(line)}\nwhole output:\n{Output}");
            Assert.AreEqual(File, parsed.Value.File, $"the diagnostic names another file: {line}");
            findings.Add(parsed.Value.Finding);
        }
        return findings;
    }

    /// <summary>Text with control characters and non-ASCII shown as escapes, for failure messages.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Bytes as a C# string literal where they are UTF-8 text, with \xNN for every byte that is not printable ASCII.</summary>
    public static string Escape(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (var b in bytes)
        {
            builder.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                < 0x20 or > 0x7e => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
