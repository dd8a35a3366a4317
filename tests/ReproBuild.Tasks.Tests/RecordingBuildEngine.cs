using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Tests;

/// <summary>A build engine that records what a task logs, so tests can assert codes and locations.</summary>
internal sealed class RecordingBuildEngine(string projectFile = "/work/App/App.csproj") : IBuildEngine
{
    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

    public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => projectFile;

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    /// <summary>Everything logged, one line each, for assertion messages.</summary>
    public string Log =>
        string.Join('\n', Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
            .Concat(Warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}"))
            .Concat(Messages.Select(m => $"message: {m.Message}")));

    /// <summary>The single error logged, which must have <paramref name="code"/>.</summary>
    public BuildErrorEventArgs SingleError(string code)
    {
        Assert.HasCount(1, Errors, $"expected exactly one error; got:\n{Log}");
        var error = Errors.Single();
        Assert.AreEqual(code, error.Code, Log);
        return error;
    }
}
