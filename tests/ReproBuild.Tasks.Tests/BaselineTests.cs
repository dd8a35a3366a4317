using System.Diagnostics;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class BaselineTests : TempFolderTest
{
    private static string LockFile(double? f1Score) =>
        $$"""
        {
          "formatVersion": 1,
          "datasets": {},
          "models": {
            "Cancer": { "sha256": "m5", "metrics": { "AreaUnderRocCurve": 0.97, "F1Score": {{(f1Score is { } value ? value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "null")}} } }
          }
        }

        """;

    private static (int ExitCode, string Output) Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var git = Process.Start(info)!;
        var error = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return (git.ExitCode, output + error.Result);
    }

    private static void MustGit(string directory, params string[] arguments)
    {
        var (exitCode, output) = Git(directory, arguments);
        Assert.AreEqual(0, exitCode, $"git {string.Join(' ', arguments)}: {output}");
    }

    /// <summary>
    /// Stops git from finding a repository above the test folders (wherever the machine keeps its temp folder),
    /// so "outside git" really is; repositories the tests create inside their own folder are still found.
    /// </summary>
    private void AssumeNoGitRepositoryAround()
    {
        Environment.SetEnvironmentVariable("GIT_CEILING_DIRECTORIES", Path.GetDirectoryName(Temp.Path));
        Assert.AreNotEqual(0, Git(Temp.Path, "rev-parse", "--git-dir").ExitCode, $"{Temp.Path} is still inside a git repository");
    }

    /// <summary>A git repository at the temp folder holding App/repro.lock.json, committed with F1Score 0.9.</summary>
    private string CommittedLockFile()
    {
        var lockFile = Temp.Write("App/repro.lock.json", LockFile(0.9));
        MustGit(Temp.Path, "init", "-q");
        MustGit(Temp.Path, "add", "App/repro.lock.json");
        MustGit(Temp.Path, "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "baseline");
        return lockFile;
    }

    [TestMethod]
    public void OutsideGitTheWorkingTreeLockFileIsTheBaselineAndSaysSo()
    {
        AssumeNoGitRepositoryAround();
        var lockFile = Temp.Write("App/repro.lock.json", LockFile(0.9));

        var baseline = Baseline.Read(lockFile);

        Assert.IsNotNull(baseline);
        Assert.AreEqual("repro.lock.json (working tree; not committed)", baseline.Source);
        Assert.AreEqual(0.9, baseline.Metric("Cancer", "F1Score"));
        Assert.AreEqual(0.97, baseline.Metric("Cancer", "AreaUnderRocCurve"));
        Assert.IsNull(baseline.Metric("Cancer", "Accuracy"), "a metric the lock file does not hold");
        Assert.IsNull(baseline.Metric("Iris", "F1Score"), "a model the lock file does not hold");
    }

    [TestMethod]
    public void MetricRecordedAsNullHasNoBaseline()
    {
        AssumeNoGitRepositoryAround();
        var lockFile = Temp.Write("repro.lock.json", LockFile(null));

        Assert.IsNull(Baseline.Read(lockFile)!.Metric("Cancer", "F1Score"));
    }

    [TestMethod]
    public void NoLockFileAndNoGitIsNoBaseline()
    {
        AssumeNoGitRepositoryAround();

        Assert.IsNull(Baseline.Read(Temp.File("App/repro.lock.json")));
    }

    [TestMethod]
    public void CommittedLockFileIsTheBaselineNotTheWorkingCopy()
    {
        // The build just rewrote the lock file with a worse model: comparing with it would compare the model with itself.
        var lockFile = CommittedLockFile();
        File.WriteAllText(lockFile, LockFile(0.5));

        var baseline = Baseline.Read(lockFile);

        Assert.IsNotNull(baseline);
        Assert.AreEqual("repro.lock.json at HEAD", baseline.Source);
        Assert.AreEqual(0.9, baseline.Metric("Cancer", "F1Score"));
    }

    [TestMethod]
    public void CommittedLockFileIsTheBaselineEvenWhenDeletedFromTheWorkingTree()
    {
        var lockFile = CommittedLockFile();
        File.Delete(lockFile);

        var baseline = Baseline.Read(lockFile);

        Assert.AreEqual("repro.lock.json at HEAD", baseline?.Source);
        Assert.AreEqual(0.9, baseline!.Metric("Cancer", "F1Score"));
    }

    [TestMethod]
    public void LockFileNotYetCommittedInARepositoryIsReadFromTheWorkingTree()
    {
        MustGit(Temp.Path, "init", "-q");
        var lockFile = Temp.Write("App/repro.lock.json", LockFile(0.7));

        var baseline = Baseline.Read(lockFile);

        Assert.AreEqual("repro.lock.json (working tree; not committed)", baseline?.Source);
        Assert.AreEqual(0.7, baseline!.Metric("Cancer", "F1Score"));
    }

    [TestMethod]
    public void GeneratedGateComparesWithTheCommittedValue()
    {
        var lockFile = CommittedLockFile();
        File.WriteAllText(lockFile, LockFile(0.5));
        var project = Temp.Write("App.Tests/App.Tests.csproj", "<Project>\n  <ItemGroup>\n    <MetricGate Include=\"Cancer\" Metric=\"F1Score\" MaxDrop=\"0.01\" />\n  </ItemGroup>\n</Project>\n");
        var model = new Microsoft.Build.Utilities.TaskItem("Cancer");
        model.SetMetadata("Task", Catalog.BinaryClassification);
        model.SetMetadata("Metrics", "F1Score");
        model.SetMetadata("AssemblyName", "App");
        model.SetMetadata("LockFile", lockFile);
        var gate = new Microsoft.Build.Utilities.TaskItem("Cancer");
        gate.SetMetadata("Metric", "F1Score");
        gate.SetMetadata("MaxDrop", "0.01");
        var output = Temp.File("App.Tests/obj/gates.g.cs");
        var engine = new RecordingBuildEngine(project);

        var success = new GenerateMetricGates { BuildEngine = engine, Gates = [gate], Models = [model], ProjectFile = project, OutputFile = output }.Execute();

        Assert.IsTrue(success, engine.Log);
        var code = File.ReadAllText(output);
        StringAssert.Contains(code, "Baseline = 0.9,");
        StringAssert.Contains(code, "BaselineSource = \"repro.lock.json at HEAD\",");
    }
}
