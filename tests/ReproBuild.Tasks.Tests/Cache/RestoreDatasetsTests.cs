using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

/// <summary>Data restore from a path source: what is written in place, when, and what never is.</summary>
[TestClass]
public sealed class RestoreDatasetsTests : TempFolderTest
{
    private const string Pinned = "a,b\n1,2\n";

    private RecordingBuildEngine _engine = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _engine = new RecordingBuildEngine();
        Temp.Write("share/pinned.csv", Pinned);
    }

    private static string Sha(string text) => Sha256Digest.Of(Encoding.UTF8.GetBytes(text));

    private string Target => Temp.File("app/data/train.csv");

    private string ProjectFile => Temp.File("app/App.csproj");

    private bool Restore(string? source = "../share/pinned.csv", string? hash = null, bool cache = true, string? target = null)
    {
        var item = new TaskItem(target ?? Target);
        if (source is not null)
        {
            item.SetMetadata("Source", source);
        }
        item.SetMetadata("Hash", hash ?? Sha(Pinned));
        return new RestoreDatasets
        {
            BuildEngine = _engine,
            Datasets = [item],
            CacheDirectory = cache ? Temp.File("cache") : "",
            IntermediateDirectory = Temp.File("app/obj/reprobuild"),
            ProjectFile = ProjectFile,
        }.Execute();
    }

    /// <summary>The project file as a user writes it, the Dataset element on line 3, column 5 (1-based).</summary>
    private void WriteProject(string include, string source) =>
        Temp.Write("app/App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <Dataset Include="{System.Security.SecurityElement.Escape(include)}" Source="{System.Security.SecurityElement.Escape(source)}" Hash="{Sha(Pinned)}" />
              </ItemGroup>
            </Project>
            """);

    /// <summary>Every file under the test folder except the given ones: what a refused restore must not have added.</summary>
    private string[] FilesBesides(params string[] expected) =>
        [.. Directory.GetFiles(Temp.Path, "*", SearchOption.AllDirectories).Except(expected).Order(StringComparer.Ordinal)];

    [TestMethod]
    public void AMissingFileIsFetchedCheckedAndCached()
    {
        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Target));
        Assert.AreEqual(Pinned, File.ReadAllText(Temp.File($"cache/cas/{Sha(Pinned)}")));
        Assert.IsTrue(_engine.Messages.Any(m => m.Message!.StartsWith("ReproBuild: restored", StringComparison.Ordinal)), _engine.Log);
    }

    [TestMethod]
    public void TheCacheServesWhenTheSourceIsGone()
    {
        Assert.IsTrue(Restore(), _engine.Log);
        File.Delete(Target);
        File.Delete(Temp.File("share/pinned.csv"));

        Assert.IsTrue(Restore(), _engine.Log);
        Assert.AreEqual(Pinned, File.ReadAllText(Target));
    }

    [TestMethod]
    public void AFileThatIsAlreadyThePinnedOneIsLeftAlone()
    {
        Temp.Write("app/data/train.csv", Pinned);
        var written = File.GetLastWriteTimeUtc(Target);

        Assert.IsTrue(Restore(source: "../share/nowhere.csv"), _engine.Log);
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(Target));
        Assert.AreEqual(0, _engine.Warnings.Count + _engine.Errors.Count, _engine.Log);
    }

    [TestMethod]
    public void ContentThatDoesNotMatchTheHashIsNeverWrittenInPlace()
    {
        Assert.IsFalse(Restore(hash: Sha("something else")));

        var error = _engine.Errors.Single();
        Assert.AreEqual("RB4008", error.Code);
        StringAssert.Contains(error.Message, Sha(Pinned));
        Assert.IsFalse(File.Exists(Target));
        Assert.AreEqual(0, Directory.GetFiles(Temp.Path, "*.tmp", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public void ALocalEditIsReplacedWithAWarningAndKept()
    {
        Temp.Write("app/data/train.csv", "a,b\n9,9\n");

        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Target));
        Assert.AreEqual("RB4012", _engine.Warnings.Single().Code);
        Assert.AreEqual("a,b\n9,9\n", File.ReadAllText(Temp.File($"cache/cas/{Sha("a,b\n9,9\n")}")));
    }

    [TestMethod]
    public void ProblemsWithTheItemAreErrors()
    {
        Assert.IsFalse(Restore(source: "../share/nowhere.csv"));
        Assert.AreEqual("RB4009", _engine.Errors.Single().Code);

        _engine = new RecordingBuildEngine();
        Assert.IsFalse(Restore(hash: "not-a-digest"));
        Assert.AreEqual("RB1010", _engine.Errors.Single().Code);
    }

    [TestMethod]
    public void AnAbsolutePathIsASource()
    {
        Assert.IsTrue(Restore(source: Temp.File("share/pinned.csv")), _engine.Log);
        Assert.AreEqual(Pinned, File.ReadAllText(Target));
    }

    [TestMethod]
    [DataRow("file:///tmp/pinned.csv")]
    [DataRow("FILE:share/pinned.csv")]
    [DataRow("ftp://data.example.com/pinned.csv")]
    [DataRow("data:text/csv,a%2Cb")]
    [DataRow("s3://bucket/pinned.csv")]
    [DataRow(@"\\fileserver\share\pinned.csv")]
    [DataRow("//fileserver/share/pinned.csv")]
    [DataRow(@"\\?\C:\share\pinned.csv")]
    [DataRow(@"\??\C:\share\pinned.csv")]
    [DataRow("https:pinned.csv")]
    public void ASourceThatIsNeitherAnHttpUrlNorAPlainPathIsRB1017AtTheDatasetElement(string source)
    {
        WriteProject(Target, source);

        Assert.IsFalse(Restore(source: source));

        var error = _engine.SingleError(ErrorCodes.UnsupportedDatasetSource);
        Assert.AreEqual(ProjectFile, error.File);
        Assert.AreEqual((3, 5), (error.LineNumber, error.ColumnNumber), "the error is at the Dataset element");
        StringAssert.Contains(error.Message, "a Source is an http:// or https:// URL, or a path to a file (relative to the project, or absolute)");
        Assert.IsFalse(File.Exists(Target));
        Assert.AreEqual("", string.Join("\n", FilesBesides(ProjectFile, Temp.File("share/pinned.csv"))), "a refused Source wrote something");
    }

    [TestMethod]
    public void ARefusedSourceDoesNotShowAPasswordItCarries()
    {
        Assert.IsFalse(Restore(source: "ftp://reader:s3cret@data.example.com/pinned.csv"));

        var error = _engine.SingleError(ErrorCodes.UnsupportedDatasetSource);
        Assert.IsFalse(error.Message!.Contains("s3cret", StringComparison.Ordinal), error.Message);
        StringAssert.Contains(error.Message, "ftp://data.example.com/pinned.csv");
    }

    [TestMethod]
    [DataRow("elsewhere/train.csv")]
    [DataRow("app/../train.csv")]
    public void ADatasetOutsideTheProjectIsRB1018AtTheDatasetElementAndNothingIsWritten(string relativeTarget)
    {
        var target = Temp.File(relativeTarget);
        WriteProject(target, "../share/pinned.csv");

        Assert.IsFalse(Restore(target: target));

        var error = _engine.SingleError(ErrorCodes.DatasetOutsideProject);
        Assert.AreEqual(ProjectFile, error.File);
        Assert.AreEqual((3, 5), (error.LineNumber, error.ColumnNumber), "the error is at the Dataset element");
        StringAssert.Contains(error.Message, Path.GetFullPath(target));
        StringAssert.Contains(error.Message, $"the project's folder '{Temp.File("app")}'");
        Assert.IsFalse(File.Exists(Path.GetFullPath(target)));
        Assert.IsFalse(Directory.Exists(Temp.File("elsewhere")), "the folder of a refused dataset was created");
        Assert.AreEqual("", string.Join("\n", FilesBesides(ProjectFile, Temp.File("share/pinned.csv"))), "a refused restore wrote something");
    }

    [TestMethod]
    public void ADatasetThatIsAlreadyInPlaceOutsideTheProjectIsStillRB1018()
    {
        var outside = Temp.Write("elsewhere/train.csv", Pinned);

        Assert.IsFalse(Restore(target: outside));

        _engine.SingleError(ErrorCodes.DatasetOutsideProject);
    }

    [TestMethod]
    public void AFolderLinkThatLeadsOutsideTheProjectIsFollowedBeforeTheCheck()
    {
        Directory.CreateDirectory(Temp.File("outside"));
        Directory.CreateDirectory(Temp.File("app"));
        Directory.CreateSymbolicLink(Temp.File("app/data"), "../outside");

        Assert.IsFalse(Restore());

        StringAssert.Contains(_engine.SingleError(ErrorCodes.DatasetOutsideProject).Message, Target);
        Assert.IsEmpty(Directory.GetFileSystemEntries(Temp.File("outside")), "a file was written through the link");
    }

    [TestMethod]
    public void AFolderLinkThatStaysInsideTheProjectIsFine()
    {
        Directory.CreateDirectory(Temp.File("app/real"));
        Directory.CreateSymbolicLink(Temp.File("app/data"), Temp.File("app/real"));

        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Temp.File("app/real/train.csv")));
    }

    [TestMethod]
    public void ADatasetInTheProjectsRepositoryButOutsideTheProjectIsRestored()
    {
        Directory.CreateDirectory(Temp.File("repo/.git"));
        var project = Temp.File("repo/src/app/App.csproj");
        var target = Temp.File("repo/data/train.csv");
        var item = new TaskItem(target);
        item.SetMetadata("Source", Temp.File("share/pinned.csv"));
        item.SetMetadata("Hash", Sha(Pinned));

        var restored = new RestoreDatasets
        {
            BuildEngine = _engine,
            Datasets = [item],
            CacheDirectory = "",
            IntermediateDirectory = Temp.File("repo/src/app/obj/reprobuild"),
            ProjectFile = project,
        }.Execute();

        Assert.IsTrue(restored, _engine.Log);
        Assert.AreEqual(Pinned, File.ReadAllText(target));
    }

    [TestMethod]
    public void AReplacedFileThatIsALinkIsReplacedNotWrittenThrough()
    {
        var elsewhere = Temp.Write("elsewhere/notes.csv", "a,b\n9,9\n");
        Directory.CreateDirectory(Temp.File("app/data"));
        File.CreateSymbolicLink(Target, elsewhere);

        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Target));
        Assert.IsNull(new FileInfo(Target).LinkTarget, "the link was replaced by the pinned file");
        Assert.AreEqual("a,b\n9,9\n", File.ReadAllText(elsewhere), "the file the link pointed at was written");
    }

    [TestMethod]
    public void TemporaryFilesAndMarkersStayInTheDatasetsFolderObjAndTheCache()
    {
        Temp.Write("app/data/train.csv", "a,b\n9,9\n");

        Assert.IsTrue(Restore(), _engine.Log);

        foreach (var file in FilesBesides(Temp.File("share/pinned.csv")))
        {
            Assert.IsTrue(
                file.StartsWith(Temp.File("app/data") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || file.StartsWith(Temp.File("app/obj") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || file.StartsWith(Temp.File("cache") + Path.DirectorySeparatorChar, StringComparison.Ordinal),
                $"The restore wrote {file}.");
        }
    }
}
