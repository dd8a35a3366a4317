namespace ReproBuild.Tool;

/// <summary>
/// A problem the user can fix — a missing file, a project that is not restored, a run that does not exist. The
/// message names the file and what to do; the command line prints it without a stack trace and exits with
/// <see cref="ExitCodes.Error"/>.
/// </summary>
internal sealed class ToolError(string message) : Exception(message);
