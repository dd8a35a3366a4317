using Microsoft.Build.Framework;

namespace ReproBuild.Tasks;

/// <summary>
/// What every ReproBuild task shares: a file-system failure — a read-only folder, a full disk, a file another
/// program holds — is an RB4013 error that names the path and the cause, never MSBuild's MSB4018 stack trace; and
/// cancellation (Ctrl+C, the IDE's Cancel), which the tasks that wait on a process or the network watch.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The source never arms a timer, so it holds nothing to free; MSBuild does not dispose tasks.")]
public abstract class ReproBuildTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The project file, where problems without a better location are reported.</summary>
    public string ProjectFile { get; set; } = "";

    public sealed override bool Execute()
    {
        try
        {
            return Run() && !Log.HasLoggedErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var project = ProjectFile.Length > 0 ? ProjectFile : BuildEngine?.ProjectFileOfTaskNode;
            // .NET's messages name the path: "Access to the path '…' is denied.", "No space left on device : '…'".
            Log.LogError(null, ErrorCodes.FileSystemFailure, null, project, 0, 0, 0, 0, $"ReproBuild could not read or write a file: {e.Message}");
            return false;
        }
    }

    private protected CancellationToken Cancellation => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();

    /// <summary>The task's work; an IO exception it does not handle itself becomes an RB4013 error.</summary>
    private protected abstract bool Run();
}
