using ReproBuild.Runtime.Data;
namespace ReproBuild.Engine.Diagnostics;

/// <summary>
/// Writes diagnostics to stdout in MSBuild's canonical format (<c>file(line,col): error RB2001: text</c>), which
/// the starting task (EngineTask) turns into real MSBuild errors that land in the IDE's error list.
/// </summary>
internal sealed class DiagnosticWriter
{
    private readonly Sink _sink;
    private readonly (string File, int Line, int Column)? _element;

    public DiagnosticWriter(TextWriter output)
        : this(new Sink(output), null)
    {
    }

    private DiagnosticWriter(Sink sink, (string File, int Line, int Column)? element)
    {
        _sink = sink;
        _element = element;
    }

    public int ErrorCount => _sink.ErrorCount;

    /// <summary>
    /// A writer to the same output that puts a diagnostic about <paramref name="file"/> as a whole at the element
    /// the diagnostic is about (a model's item element in the project file), so it lands on that line in the IDE.
    /// </summary>
    public DiagnosticWriter At(string file, int line, int column) => line > 0 ? new(_sink, (file, line, column)) : this;

    /// <summary>
    /// A writer that holds what it is given until <see cref="Append"/> writes it here: work done side by side reports
    /// in a fixed order, whichever part finishes first.
    /// </summary>
    public DiagnosticWriter Held() => new(new Sink(new StringWriter()), _element);

    /// <summary>Writes what a <see cref="Held"/> writer holds, and counts its errors as this writer's.</summary>
    public void Append(DiagnosticWriter held)
    {
        var text = held._sink.Output is StringWriter holding ? holding.ToString() : throw new InvalidOperationException("Only a held writer can be appended.");
        lock (_sink)
        {
            _sink.ErrorCount += held.ErrorCount;
            _sink.Output.Write(text);
        }
    }

    public void Error(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        (file, line, column) = Locate(file, line, column);
        lock (_sink)
        {
            _sink.ErrorCount++;
            _sink.Output.WriteLine(Format("error", code, message, file, line, column));
        }
    }

    public void Error(UserError error) => Error(error.Code, error.Message, error.File, error.Line, error.Column);

    public void Warning(string code, string message, string? file = null, int line = 0, int column = 0)
    {
        (file, line, column) = Locate(file, line, column);
        lock (_sink)
        {
            _sink.Output.WriteLine(Format("warning", code, message, file, line, column));
        }
    }

    public void Info(string message)
    {
        lock (_sink)
        {
            _sink.Output.WriteLine(CellText.Printable(message));
        }
    }

    internal static string Format(string severity, string code, string message, string? file, int line, int column)
    {
        var origin = file is null ? "ReproBuild" : line > 0 ? $"{file}({line},{Math.Max(column, 1)})" : file;
        // A canonical diagnostic is one line: a line break quoted from a data file would split it into a second,
        // unparsed one, and a NUL or an escape sequence has no business in a build log either.
        return $"{origin} : {severity} {code}: {CellText.Printable(message)}";
    }

    private (string? File, int Line, int Column) Locate(string? file, int line, int column) =>
        _element is { } element && line == 0 && file == element.File ? element : (file, line, column);

    private sealed class Sink(TextWriter output)
    {
        public TextWriter Output { get; } = output;

        public int ErrorCount { get; set; }
    }
}
