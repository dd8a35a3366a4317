namespace ReproBuild.Runtime.Data;

/// <summary>
/// A problem in the user's input (data, items, parameters). It becomes one MSBuild error with a code and a
/// location; it never carries a stack trace to the user.
/// </summary>
internal sealed class UserError(string code, string message, string? file = null, int line = 0, int column = 0)
    : Exception(message)
{
    public string Code { get; } = code;

    public string? File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The problem as one printable line in MSBuild's canonical form: <c>file(line,col): error RB2001: text</c>.</summary>
    public string Describe()
    {
        var message = CellText.Printable(Message);
        return File is null ? $"error {Code}: {message}" : Line > 0 ? $"{File}({Line},{Math.Max(Column, 1)}): error {Code}: {message}" : $"{File}: error {Code}: {message}";
    }
}
