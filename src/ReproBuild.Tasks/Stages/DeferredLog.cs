using System.Collections.Concurrent;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// Stages run on worker threads, but MSBuild's logging belongs to the task's own thread: workers queue what they
/// have to say here, and the task's thread says it (<see cref="Flush"/>) while it waits for them.
/// </summary>
internal sealed class DeferredLog
{
    private readonly ConcurrentQueue<Action<TaskLoggingHelper, ItemProblems>> _entries = new();

    public void Message(string text, MessageImportance importance = MessageImportance.Normal) =>
        _entries.Enqueue((log, _) => log.LogMessage(importance, text));

    public void Warning(string code, string file, string text) =>
        _entries.Enqueue((log, _) => log.LogWarning(null, code, null, file, 0, 0, 0, 0, text));

    public void Error(string code, string file, int line, int column, string text) =>
        _entries.Enqueue((log, _) => log.LogError(null, code, null, file, line, column, 0, 0, text));

    /// <summary>An error at the stage's element in the project file.</summary>
    public void ErrorAt(StageItem stage, string code, string text) =>
        _entries.Enqueue((_, problems) => problems.ErrorAtElement(stage.Item, StageItem.ItemType, code, text));

    public void Flush(TaskLoggingHelper log, ItemProblems problems)
    {
        while (_entries.TryDequeue(out var entry))
        {
            entry(log, problems);
        }
    }
}
