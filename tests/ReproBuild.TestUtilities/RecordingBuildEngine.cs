using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace ReproBuild.Tests;

/// <summary>
/// One build, as a task sees it: records what the task logs, so tests can assert codes and locations, and keeps
/// the objects tasks register for the build, as MSBuild does, until <see cref="EndBuild"/>. Two engines are two
/// builds: an object registered in one is not seen by the other.
/// </summary>
public sealed class RecordingBuildEngine(string projectFile = "/work/App/App.csproj") : IBuildEngine4
{
    private readonly ConcurrentDictionary<(object Key, RegisteredTaskObjectLifetime Lifetime), object> _registered = new();

    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

    public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => projectFile;

    public bool IsRunningMultipleNodes => false;

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

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

    // As MSBuild: the first object registered under a key stays until it is unregistered.
    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) =>
        _registered.TryAdd((key, lifetime), obj);

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        _registered.TryGetValue((key, lifetime), out var obj) ? obj : null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        _registered.TryRemove((key, lifetime), out var obj) ? obj : null;

    /// <summary>What MSBuild does when a build ends: disposes the objects registered for the build, and forgets them.</summary>
    public void EndBuild()
    {
        foreach (var entry in _registered.Where(e => e.Key.Lifetime == RegisteredTaskObjectLifetime.Build).ToArray())
        {
            if (_registered.TryRemove(entry.Key, out var obj) && obj is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    // A task under test runs alone: there is no node to yield to, and no project to build.
    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The recording build engine runs one task; it builds no projects.");

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException("The recording build engine runs one task; it builds no projects.");

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException("The recording build engine runs one task; it builds no projects.");

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException("The recording build engine runs one task; it builds no projects.");
}
