using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// State the build did not make — a cache record edited by hand, a dataset behind a symbolic link, a model copy edited
/// in the output folder, a read-only folder, a full disk — never ships a wrong model and never shows a stack trace.
/// </summary>
[TestClass]
public sealed class HostileStateTests
{
    private const string Items = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=$(Trees);NumberOfLeaves=4" />
        """;

    private static UserProject NewProject(string test, string items = Items)
    {
        var project = UserProject.Create(items, test);
        project.WriteProject(items, "<Trees>5</Trees>");
        project.WriteFile("data/customers.csv", TestData.Binary());
        return project;
    }

    [TestMethod]
    public void ACacheRecordThatNamesAnotherModelsFilesIsRefused()
    {
        var project = NewProject(nameof(ACacheRecordThatNamesAnotherModelsFilesIsRefused), Items + """
            <Model Include="Other" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="9" Parameters="NumberOfTrees=3" />
            """);
        var cacheDirectory = project.Directory + ".shared-cache";
        var cache = new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = cacheDirectory };
        project.Build(cache).ShouldSucceed();
        var churn = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));
        var (churnFingerprint, otherFingerprint) = (Fingerprint(project, "Churn"), Fingerprint(project, "Other"));

        // Every file the record names is whole and hashes right — but they are Other's, trained from other inputs.
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(cacheDirectory, "ac", otherFingerprint)))!;
        record["model"] = "Churn";
        record["fingerprint"] = churnFingerprint;
        File.WriteAllText(Path.Combine(cacheDirectory, "ac", churnFingerprint), record.ToJsonString());

        project.Run("clean").ShouldSucceed();
        Assert.IsFalse(Directory.Exists(project.IntermediateDirectory()), "dotnet clean left ReproBuild's folder under obj/.");
        var rebuilt = project.Build(cache, "--no-restore").ShouldSucceed();
        StringAssert.Contains(rebuilt.Output, "warning RB4004");
        StringAssert.Contains(rebuilt.Output, "model 'Other'");
        StringAssert.Contains(rebuilt.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(churn, BuildOutputsTests.Sha256(project.Output("models/Churn.zip")));
        KilledBuildTests.AssertShipsTheLockedModel(project, "Churn", expectedTrees: "5");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    public void ADatasetBehindASymbolicLinkIsHashedByWhatItLinksTo()
    {
        var items = Items.Replace("data/customers.csv", "data/link.csv", StringComparison.Ordinal).Replace("Dataset=\"customers\"", "Dataset=\"link\"", StringComparison.Ordinal);
        var project = NewProject(nameof(ADatasetBehindASymbolicLinkIsHashedByWhatItLinksTo), items);
        File.CreateSymbolicLink(Path.Combine(project.Directory, "data", "link.csv"), "customers.csv");
        project.Build().ShouldSucceed();
        var before = DatasetSha256(project, "link");

        File.AppendAllText(Path.Combine(project.Directory, "data", "customers.csv"), "1.5,2.5,red,yes\n");

        var question = project.Build("--no-restore", "-question").ShouldFail();
        StringAssert.Contains(question.Output, "Dataset 'link' changed since the last build");
        StringAssert.Contains(project.Build("--no-restore").ShouldSucceed().Output, "ReproBuild: trained Churn");
        Assert.AreNotEqual(before, DatasetSha256(project, "link"));
        Assert.AreEqual(BuildOutputsTests.Sha256(Path.Combine(project.Directory, "data", "customers.csv")), DatasetSha256(project, "link"));
    }

    [TestMethod]
    public void AModelCopyEditedByHandInTheOutputFolderIsReplaced()
    {
        var project = NewProject(nameof(AModelCopyEditedByHandInTheOutputFolderIsReplaced));
        project.Build().ShouldSucceed();
        File.WriteAllText(project.Output("models/Churn.zip"), "not the model that was stamped");

        project.Build("--no-restore", "-question").ShouldFail();
        project.Build("--no-restore").ShouldSucceed();

        KilledBuildTests.AssertShipsTheLockedModel(project, "Churn", expectedTrees: "5");
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux)]
    public void AReadOnlyFolderAndAFullDiskAreErrorsThatNameThePath()
    {
        var project = NewProject(nameof(AReadOnlyFolderAndAFullDiskAreErrorsThatNameThePath));
        project.Build().ShouldSucceed();
        var models = Path.Combine(project.IntermediateDirectory(), "models");
        var full = project.Directory + ".full-disk";
        Directory.CreateDirectory(full);
        try
        {
            // Root ignores permission bits: a read-only bind mount is what makes a folder read-only for it.
            Mount("--bind", models, models);
            Mount("-o", "remount,bind,ro", models);
            var readOnly = project.Build("--no-restore", "-p:Trees=6").ShouldFail();
            StringAssert.Contains(readOnly.Output, "error RB4013: ReproBuild could not read or write a file");
            StringAssert.Contains(readOnly.Output, models);
            AssertNoStackTrace(readOnly);
            Unmount(models);

            Mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", full);
            File.WriteAllBytes(Path.Combine(full, "filler"), new byte[64 * 1024]);
            var lockFile = Path.Combine(full, "repro.lock.json");
            var diskFull = project.Build("--no-restore", "-p:Trees=7", $"-p:ReproBuildLockFile={lockFile}").ShouldFail();
            StringAssert.Contains(diskFull.Output, "error RB4013: ReproBuild could not read or write a file");
            StringAssert.Contains(diskFull.Output, "No space left on device");
            AssertNoStackTrace(diskFull);
        }
        finally
        {
            Unmount(models);
            Unmount(full);
        }
    }

    private static void AssertNoStackTrace(CommandResult result)
    {
        result.ShouldHaveNoStackTrace();
        Assert.IsFalse(result.Output.Contains("MSB4018", StringComparison.Ordinal), result.Output);
    }

    private static string Fingerprint(UserProject project, string model)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        return lockFile.RootElement.GetProperty("models").GetProperty(model).GetProperty("fingerprint").GetString()!;
    }

    private static string DatasetSha256(UserProject project, string dataset)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        return lockFile.RootElement.GetProperty("datasets").GetProperty(dataset).GetProperty("sha256").GetString()!;
    }

    private static void Mount(params string[] arguments)
    {
        using var mount = Process.Start(new ProcessStartInfo("mount", arguments) { RedirectStandardError = true })!;
        var error = mount.StandardError.ReadToEnd();
        mount.WaitForExit();
        Assert.AreEqual(0, mount.ExitCode, $"mount {string.Join(' ', arguments)} failed (the test needs root): {error}");
    }

    private static void Unmount(string path)
    {
        using var umount = Process.Start(new ProcessStartInfo("umount", [path]) { RedirectStandardError = true })!;
        umount.StandardError.ReadToEnd();
        umount.WaitForExit();
    }
}
