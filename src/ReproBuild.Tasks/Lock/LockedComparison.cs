using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Lock;

/// <summary>Compares the committed lock file with this build's and reports each difference as an RB4001 error at its entry.</summary>
internal static class LockedComparison
{
    /// <param name="partial">A sharded build's: what it skipped is missing from it, not from the project.</param>
    /// <returns>Whether the lock file holds exactly what this build has.</returns>
    public static bool Report(TaskLoggingHelper log, string lockFile, string projectFile, string reason, LockFile current, bool inputsOnly, bool partial = false)
    {
        LockFile? committed;
        try
        {
            committed = Lock.LockFile.Read(lockFile);
        }
        catch (LockFileException e)
        {
            log.LogError(null, ErrorCodes.LockFileUnreadable, null, lockFile, 0, 0, 0, 0, e.Message);
            return false;
        }
        if (committed is null)
        {
            log.LogError(null, ErrorCodes.LockFileMissing, null, projectFile, 0, 0, 0, 0,
                $"ReproBuild is in {reason} but there is no lock file at '{lockFile}'. Build once without it (-p:ReproBuildLockedMode=false) and commit the lock file it writes.");
            return false;
        }

        var advice = reason == "verify mode"
            ? "Verify mode checks models trained from the inputs the lock file records; build without it, commit the lock file, then verify."
            : $"If the change is intended, build without locked mode (-p:ReproBuildLockedMode=false) and commit the updated '{Path.GetFileName(lockFile)}'.";
        var differences = LockDifferences.Between(committed, current, inputsOnly).Where(d => !(partial && d.IsGone)).ToList();
        foreach (var difference in differences)
        {
            var line = LockFileLocator.LineOf(lockFile, difference.Kind + "s", difference.Name);
            log.LogError(null, ErrorCodes.LockFileDiffers, null, lockFile, line, line == 0 ? 0 : 5, 0, 0,
                $"In {reason} the lock file may not change, but {difference}. {advice}");
        }
        return differences.Count == 0;
    }
}
