using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Lock;

namespace ReproBuild.Tasks.Stages;

/// <summary>What bringing one stage up to date needs, shared by the workers of <see cref="RunStages"/>.</summary>
/// <param name="Cache">Null in verify mode: every stage runs.</param>
/// <param name="Committed">The lock file, in locked and verify mode.</param>
/// <param name="Question"><c>dotnet build -question</c>: report a stage that would run instead of running it.</param>
internal sealed record StageContext(
    string ProjectDirectory,
    IntermediateLayout Layout,
    StageFingerprinter Fingerprinter,
    StageRunner Runner,
    StageCache? Cache,
    DeferredLog Log,
    LockFile? Committed,
    string LockFilePath,
    bool Locked,
    bool Verify,
    string RunsDirectory,
    bool Question,
    string ProjectFile)
{
    /// <param name="mayRun">False in a sharded build for a stage another shard runs: restored from the cache or skipped.</param>
    /// <returns>Failed, or how the stage's outputs came to be the ones its current inputs produce; Skipped: there are none.</returns>
    public StageOutcome BringUpToDate(StageItem stage, CancellationToken cancellation, bool mayRun = true)
    {
        var outputs = new StageOutputs(stage, Layout, ProjectDirectory);
        var last = StageRecord.Read(outputs.RecordFile);
        var (inputs, inputFiles, codeFiles) = Fingerprinter.Compute(stage, last);
        var fingerprint = inputs.ComputeFingerprint();
        var lockedEntry = Committed?.Stages?.GetValueOrDefault(stage.Name);
        if ((Locked || Verify) && !MatchesLock(stage, inputs.WithOutputs(fingerprint, []), lockedEntry, inputsOnly: true))
        {
            return StageOutcome.Failed;
        }
        if (!Verify && last is not null && last.Stage.Fingerprint == fingerprint && OutputsIntact(stage, last))
        {
            // Current, but perhaps not in the local cache (made with the cache off, or the cache was cleared): one stat.
            Cache?.StoreLocallyIfMissing(stage, fingerprint, new(last.Outputs.ToDictionary(o => o.Path, o => o.Digest), StringComparer.Ordinal));
            return StageOutcome.UpToDate;
        }

        if (Question)
        {
            Log.Error(ErrorCodes.NotUpToDate, ProjectFile, 0, 0, $"Stage '{stage.Name}' is not up to date and would {(last is null ? "run for the first time" : "run again")}.");
            return StageOutcome.Failed;
        }
        outputs.Clear();
        var staging = outputs.NewStagingDirectory();
        try
        {
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var restored = Cache?.Restore(stage, outputs, fingerprint, staging, cancellation);
            if (restored is null && !mayRun)
            {
                // Outputs of other inputs were cleared above: nothing of this stage passes for current.
                return StageOutcome.Skipped;
            }
            if (restored is null && Runner.Run(stage, outputs, staging, cancellation) != true)
            {
                return StageOutcome.Failed;
            }
            var digests = restored?.Digests ?? new SortedDictionary<string, string>(
                stage.Outputs.ToDictionary(o => ProjectPaths.Relative(ProjectDirectory, o), o => Sha256Digest.OfFile(outputs.StagedPath(staging, o))),
                StringComparer.Ordinal);
            var reference = inputs.WithOutputs(fingerprint, [.. digests.Select(d => new StageFile(d.Key, d.Value))]);
            if (Verify && !Reproduced(stage, reference, lockedEntry))
            {
                return StageOutcome.Failed;
            }

            outputs.MoveIntoPlace(staging);
            var outputFiles = Fingerprinter.Versions(stage.Outputs, new Dictionary<(string, string), string>(), _ => "");
            var versions = outputFiles.Select(f => f with { Digest = digests[f.Path] }).ToList();
            new StageRecord(StageRecord.CurrentFormat, reference, inputFiles, codeFiles, versions).Write(outputs.RecordFile);

            if (restored is { } from)
            {
                Log.Message($"ReproBuild: restored stage {stage.Name} from {from.From}", MessageImportance.High);
            }
            else
            {
                Log.Message($"ReproBuild: ran stage {stage.Name} ({stage.Program}) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s", MessageImportance.High);
                StageRunRecord.Of(reference, started, clock.Elapsed, ProjectDirectory).Write(RunsDirectory);
                Cache?.Store(stage, fingerprint, digests, cancellation);
            }
            return Locked && !MatchesLock(stage, reference, lockedEntry, inputsOnly: false) ? StageOutcome.Failed
                : restored is null ? StageOutcome.Ran : StageOutcome.Restored;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>One stat per output: every declared output is there with the content the record names.</summary>
    private bool OutputsIntact(StageItem stage, StageRecord last)
    {
        if (stage.Outputs.Any(o => !File.Exists(o)))
        {
            return false;
        }
        var recorded = last.Outputs.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        var now = Fingerprinter.Versions(stage.Outputs, last.Outputs.ToDictionary(f => (f.Path, f.Hash), f => f.Digest), _ => "");
        return now.All(f => recorded.GetValueOrDefault(f.Path) == f.Hash);
    }

    private bool MatchesLock(StageItem stage, StageReference current, LockedStage? committed, bool inputsOnly)
    {
        if (Committed is null)
        {
            Log.Error(ErrorCodes.LockFileMissing, LockFilePath, 0, 0,
                $"ReproBuild is in {(Verify ? "verify" : "locked")} mode but there is no lock file at '{LockFilePath}'. Build once without it (-p:ReproBuildLockedMode=false) and commit the lock file it writes.");
            return false;
        }
        if (LockDifferences.OfStage(stage.Name, committed, LockedStage.From(current), inputsOnly) is not { } difference)
        {
            return true;
        }
        var line = LockFileLocator.LineOf(LockFilePath, "stages", stage.Name);
        Log.Error(ErrorCodes.LockFileDiffers, LockFilePath, line, line == 0 ? 0 : 5,
            $"In {(Verify ? "verify" : "locked")} mode the lock file may not change, but {difference}. If the change is intended, build without locked mode (-p:ReproBuildLockedMode=false) and commit the updated '{Path.GetFileName(LockFilePath)}'.");
        return false;
    }

    /// <summary>Verify mode: every output must have the bytes the lock file records; the first run's outputs are not kept otherwise.</summary>
    private bool Reproduced(StageItem stage, StageReference current, LockedStage? committed)
    {
        var differing = current.Outputs
            .Where(o => committed?.Outputs.GetValueOrDefault(o.Path) != o.Sha256)
            .Select(o => $"'{o.Path}' (sha256 {o.Sha256[..12]}…, the lock file has {(committed?.Outputs.GetValueOrDefault(o.Path) is { } locked ? locked[..12] + "…" : "none")})")
            .ToList();
        if (differing.Count == 0)
        {
            return true;
        }
        Log.ErrorAt(stage, ErrorCodes.StageNotReproduced,
            $"Stage '{stage.Name}' did not reproduce the lock file's outputs: {string.Join(", ", differing)}. Its program gives other bytes from the same inputs — it is not deterministic (an unseeded random choice, the time, the order of a dictionary or of files in a folder, parallel floating-point sums); REPROBUILD_SEED is the seed to use. Nothing was kept.");
        return false;
    }
}
