namespace ReproBuild.Tool;

/// <summary>
/// Where a command writes. Results go to standard output at every verbosity above quiet (quiet keeps only what
/// a command exists to print, such as a table); notes and detail follow the verbosity; errors go to standard error.
/// Colour only when the stream is a terminal and <c>NO_COLOR</c> is not set, as the .NET CLI does.
/// </summary>
internal sealed class ConsoleOutput(TextWriter output, TextWriter error, Verbosity verbosity, bool color, bool interactive)
{
    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = error;

    public Verbosity Verbosity { get; } = verbosity;

    /// <summary>Whether standard error is a terminal a progress line can be redrawn on.</summary>
    public bool Interactive { get; } = interactive;

    public static ConsoleOutput ForConsole(TextWriter output, TextWriter error, Verbosity verbosity)
    {
        var isConsole = ReferenceEquals(output, Console.Out);
        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } || Environment.GetEnvironmentVariable("TERM") == "dumb";
        var color = isConsole && !Console.IsOutputRedirected && !noColor;
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        return new ConsoleOutput(output, error, verbosity, color, interactive);
    }

    /// <summary>The command's own result (a table, a status line): printed unless quiet asks for the exit code alone.</summary>
    public void Result(string line = "") => Out.WriteLine(line);

    /// <summary>What only the quiet verbosity drops: headings, summaries, hints.</summary>
    public void Note(string line)
    {
        if (Verbosity >= Verbosity.Minimal)
        {
            Out.WriteLine(line);
        }
    }

    /// <summary>Where files are, what was evaluated, how long it took.</summary>
    public void Detail(string line)
    {
        if (Verbosity >= Verbosity.Detailed)
        {
            Err.WriteLine(Dim(line));
        }
    }

    public void Error(string message) => Err.WriteLine(Red($"error: {message}"));

    public void Warning(string message) => Err.WriteLine(Yellow($"warning: {message}"));

    public string Red(string text) => Paint(text, "31");

    public string Green(string text) => Paint(text, "32");

    public string Yellow(string text) => Paint(text, "33");

    public string Bold(string text) => Paint(text, "1");

    public string Dim(string text) => Paint(text, "2");

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    /// <summary>A line on standard error that says what a long step is doing, redrawn in place on a terminal.</summary>
    public Progress Progress(string activity) => new(this, activity);
}
