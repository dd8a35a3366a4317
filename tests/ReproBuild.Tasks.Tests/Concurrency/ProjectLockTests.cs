using System.Diagnostics;
using ReproBuild.Tasks.Concurrency;

namespace ReproBuild.Tasks.Tests.Concurrency;

/// <summary>
/// One pipeline per project at a time: AcquireProjectLock and ReleaseProjectLock as two builds of one project
/// see them. Each <see cref="RecordingBuildEngine"/> is a build; "another process" is this test opening the lock
/// file exclusively itself, which on Linux is an flock that conflicts within one process as between two.
/// </summary>
[TestClass]
public sealed class ProjectLockTests : TempFolderTest
{
    private const string WaitingMessage = "another build of this project is running; waiting";

    private string IntermediateDirectory => Temp.File("obj/reprobuild");

    private string LockFile => new IntermediateLayout(IntermediateDirectory).BuildLockFile;

    private AcquireProjectLock Acquirer(RecordingBuildEngine build) =>
        new() { BuildEngine = build, IntermediateDirectory = IntermediateDirectory, ProjectFile = Temp.File("App.csproj") };

    private bool Acquire(RecordingBuildEngine build) => Acquirer(build).Execute();

    private bool Release(RecordingBuildEngine build) =>
        new ReleaseProjectLock { BuildEngine = build, IntermediateDirectory = IntermediateDirectory, ProjectFile = Temp.File("App.csproj") }.Execute();

    /// <summary>Opens the lock file as another process's build would hold it; null when someone holds it already.</summary>
    private FileStream? HoldAsAnotherProcess()
    {
        Directory.CreateDirectory(IntermediateDirectory);
        try
        {
            return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private bool AnotherProcessCouldTakeTheLock()
    {
        using var probe = HoldAsAnotherProcess();
        return probe is not null;
    }

    /// <summary>Waits until the acquire says it is waiting, and checks it is still waiting then.</summary>
    private static void UntilItWaits(RecordingBuildEngine build, Task<bool> acquiring)
    {
        var clock = Stopwatch.StartNew();
        while (!build.Messages.Any(m => m.Message?.Contains(WaitingMessage, StringComparison.Ordinal) == true))
        {
            if (acquiring.IsCompleted || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                Assert.Fail($"The acquire did not wait for the lock's holder (ended: {acquiring.IsCompleted}):\n{build.Log}");
            }
            Thread.Sleep(50);
        }
        Assert.IsFalse(acquiring.IsCompleted, $"The acquire said it waits but ended:\n{build.Log}");
    }

    private static bool Outcome(Task<bool> acquiring, RecordingBuildEngine build)
    {
        Assert.IsTrue(acquiring.Wait(TimeSpan.FromMinutes(1)), $"The acquire is still waiting:\n{build.Log}");
        return acquiring.Result;
    }

    [TestMethod]
    public void ASecondBuildWaitsUntilTheFirstReleasesAndThenHoldsTheLock()
    {
        var first = new RecordingBuildEngine();
        var second = new RecordingBuildEngine();
        try
        {
            Assert.IsTrue(Acquire(first), first.Log);
            var acquiring = Task.Run(() => Acquire(second));
            UntilItWaits(second, acquiring);

            Assert.IsTrue(Release(first), first.Log);

            Assert.IsTrue(Outcome(acquiring, second), second.Log);
            Assert.IsEmpty(second.Warnings, second.Log);
            StringAssert.Contains(second.Log, LockFile, "the waiting message names the lock file");
            Assert.IsFalse(AnotherProcessCouldTakeTheLock(), "the second build holds the lock now");
            Assert.IsTrue(Release(second), second.Log);
            Assert.IsTrue(AnotherProcessCouldTakeTheLock(), "the last release frees the lock");
        }
        finally
        {
            first.EndBuild();
            second.EndBuild();
        }
    }

    [TestMethod]
    public void CancellingTheWaitEndsItWithAWarningAndNoLock()
    {
        var build = new RecordingBuildEngine();
        using (var otherProcess = HoldAsAnotherProcess())
        {
            Assert.IsNotNull(otherProcess);
            var acquirer = Acquirer(build);
            var acquiring = Task.Run(acquirer.Execute);
            UntilItWaits(build, acquiring);

            acquirer.Cancel();

            Assert.IsFalse(Outcome(acquiring, build), build.Log);
            Assert.IsEmpty(build.Errors, build.Log);
            var warning = build.Warnings.Single();
            StringAssert.Contains(warning.Message, "cancelled while it waited for another build of this project");
            Assert.AreEqual(Temp.File("App.csproj"), warning.File);
        }
        Assert.IsNull(build.GetRegisteredTaskObject(AcquireProjectLock.RegistrationKey(new IntermediateLayout(IntermediateDirectory)), Microsoft.Build.Framework.RegisteredTaskObjectLifetime.Build));
        Assert.IsTrue(AnotherProcessCouldTakeTheLock(), "a cancelled wait holds nothing");
    }

    [TestMethod]
    public void TheSameBuildAcquiresAgainAtOnceAndHoldsUntilItsLastRelease()
    {
        var build = new RecordingBuildEngine();
        try
        {
            Assert.IsTrue(Acquire(build), build.Log);
            Assert.IsTrue(Acquire(build), build.Log);
            Assert.IsFalse(build.Log.Contains(WaitingMessage, StringComparison.Ordinal), $"a build never waits for itself:\n{build.Log}");

            Assert.IsTrue(Release(build), build.Log);
            Assert.IsFalse(AnotherProcessCouldTakeTheLock(), "one of two holders released: still held");
            Assert.IsTrue(Release(build), build.Log);
            Assert.IsTrue(AnotherProcessCouldTakeTheLock(), "both holders released: free");
        }
        finally
        {
            build.EndBuild();
        }
    }

    [TestMethod]
    public void TheEndOfABuildThatNeverReleasedFreesTheLockForTheNext()
    {
        var failed = new RecordingBuildEngine();
        Assert.IsTrue(Acquire(failed), failed.Log);
        Assert.IsFalse(AnotherProcessCouldTakeTheLock());

        // A build whose pipeline failed never runs ReleaseProjectLock; MSBuild disposes what it registered.
        failed.EndBuild();

        var next = new RecordingBuildEngine();
        try
        {
            Assert.IsTrue(Acquire(next), next.Log);
            Assert.IsFalse(next.Log.Contains(WaitingMessage, StringComparison.Ordinal), $"nothing held the lock:\n{next.Log}");
        }
        finally
        {
            next.EndBuild();
        }
    }
}
