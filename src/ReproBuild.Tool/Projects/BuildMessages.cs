using Microsoft.Build.Framework;

namespace ReproBuild.Tool.Projects;

/// <summary>
/// Collects what MSBuild reports while the tool evaluates a project or runs a target: errors and warnings in
/// MSBuild's canonical form (<c>file(line,col): error CODE: message</c>), and at diagnostic verbosity its messages.
/// </summary>
internal sealed class BuildMessages(bool keepMessages) : ILogger
{
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Errors => _errors;

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<string> Messages => _messages;

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => _errors.Add(Format(e.File, e.LineNumber, e.ColumnNumber, "error", e.Code, e.Message));
        eventSource.WarningRaised += (_, e) => _warnings.Add(Format(e.File, e.LineNumber, e.ColumnNumber, "warning", e.Code, e.Message));
        if (keepMessages)
        {
            eventSource.MessageRaised += (_, e) => _messages.Add(e.Message ?? "");
        }
    }

    public void Shutdown()
    {
    }

    /// <summary>An error MSBuild did not log: a failed build's exception.</summary>
    public void Add(string error) => _errors.Add(error);

    private static string Format(string? file, int line, int column, string kind, string? code, string? message)
    {
        var location = string.IsNullOrEmpty(file) ? "" : line > 0 ? $"{file}({line},{column}): " : $"{file} : ";
        return $"{location}{kind}{(string.IsNullOrEmpty(code) ? "" : " " + code)}: {message}";
    }
}
