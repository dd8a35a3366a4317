using ReproBuild.Runtime.Data;
namespace ReproBuild.Engine.Diagnostics;

/// <summary>
/// Writes diagnostics to stdout in MSBuild's canonical format (<c>file(line,col): error RB2001: text</c>), which
/// the starting task (EngineTask) turns into real MSBuild errors that land in the IDE's error list.
/// </summary>
internal sealed class DiagnosticWriter(TextWriter output)
{
    private readonly object _gate = new();

    public int ErrorCount { get; private set; }

    public void Error(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            ErrorCount++;
            output.WriteLine(Format("error", code, message, file, line, column));
        }
    }

    public void Error(UserError error) => Error(error.Code, error.Message, error.File, error.Line, error.Column);

    public void Warning(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            output.WriteLine(Format("warning", code, message, file, line, column));
        }
    }

    public void Info(string message)
    {
        lock (_gate)
        {
            output.WriteLine(CellText.Printable(message));
        }
    }

    internal static string Format(string severity, string code, string message, string? file, int line, int column)
    {
        var origin = file is null ? "ReproBuild" : line > 0 ? $"{file}({line},{Math.Max(column, 1)})" : file;
        // A canonical diagnostic is one line: a line break quoted from a data file would split it into a second,
        // unparsed one, and a NUL or an escape sequence has no business in a build log either.
        return $"{origin} : {severity} {code}: {CellText.Printable(message)}";
    }
}
