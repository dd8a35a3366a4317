using ReproBuild.Tool.Locks;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Diff;

/// <summary>
/// Turns <c>diff</c>'s arguments into the two snapshots to compare. Each argument is a run (<c>Model~N</c>, a run id
/// or its unique start) or a git revision (its lock file, via <c>git show</c>):
/// none: the lock file at HEAD against the working copy; one run: it against the model's latest run;
/// one revision: its lock file against the working copy; two: the first against the second.
/// </summary>
internal static class DiffSides
{
    public static (Snapshot Old, Snapshot New) Resolve(string? first, string? second, ReproBuildProject project, RunHistory history)
    {
        if (first is null)
        {
            return (Revision("HEAD", project), WorkingCopy(project));
        }
        if (second is not null)
        {
            return (Side(first, project, history), Side(second, project, history));
        }
        if (history.Find(first) is { } run)
        {
            var latest = history.Latest(run.Model)!;
            if (latest.Id == run.Id)
            {
                var previous = history.Previous(run)
                    ?? throw new ToolError($"{run.Reference} is the only run of {run.Model}; train it again with other parameters, then compare.");
                return (Snapshot.FromRun(previous), Snapshot.FromRun(run));
            }
            return (Snapshot.FromRun(run), Snapshot.FromRun(latest));
        }
        return (Side(first, project, history), WorkingCopy(project));
    }

    private static Snapshot Side(string argument, ReproBuildProject project, RunHistory history)
    {
        if (history.Find(argument) is { } run)
        {
            return Snapshot.FromRun(run);
        }
        if (GitRevisions.IsRevision(project.Directory, argument))
        {
            return Revision(argument, project);
        }
        throw new ToolError($"'{argument}' is neither a run in {history.Directory} nor a git revision. 'reprobuild runs' lists the runs (use Model~N or a run id); a revision is anything git accepts, such as HEAD~1 or a branch.");
    }

    private static Snapshot WorkingCopy(ReproBuildProject project) =>
        Snapshot.FromLock(LockDocument.Read(project.LockFile), Path.GetFileName(project.LockFile));

    private static Snapshot Revision(string revision, ReproBuildProject project)
    {
        if (!GitRevisions.IsRevision(project.Directory, revision))
        {
            throw new ToolError($"'{revision}' is not a commit of a git repository at {project.Directory}. Without git history, compare two runs: reprobuild diff Model~1 Model~0.");
        }
        var source = $"{revision}:{Path.GetFileName(project.LockFile)}";
        return Snapshot.FromLock(LockDocument.Parse(GitRevisions.Show(project.LockFile, revision), source), source);
    }
}
