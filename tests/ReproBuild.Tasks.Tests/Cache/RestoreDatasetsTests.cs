using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

/// <summary>Data restore from a path source: what is written in place, when, and what never is.</summary>
[TestClass]
public sealed class RestoreDatasetsTests
{
    private const string Pinned = "a,b\n1,2\n";

    private TempFolder _temp = null!;
    private RecordingBuildEngine _engine = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _temp = new TempFolder();
        _engine = new RecordingBuildEngine();
        _temp.Write("share/pinned.csv", Pinned);
    }

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    private static string Sha(string text) => Sha256Digest.Of(Encoding.UTF8.GetBytes(text));

    private string Target => _temp.File("app/data/train.csv");

    private bool Restore(string? source = "../share/pinned.csv", string? hash = null, bool cache = true)
    {
        var item = new TaskItem(Target);
        if (source is not null)
        {
            item.SetMetadata("Source", source);
        }
        item.SetMetadata("Hash", hash ?? Sha(Pinned));
        return new RestoreDatasets
        {
            BuildEngine = _engine,
            Datasets = [item],
            CacheDirectory = cache ? _temp.File("cache") : "",
            IntermediateDirectory = _temp.File("app/obj/reprobuild"),
            ProjectFile = _temp.File("app/App.csproj"),
        }.Execute();
    }

    [TestMethod]
    public void AMissingFileIsFetchedCheckedAndCached()
    {
        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Target));
        Assert.AreEqual(Pinned, File.ReadAllText(_temp.File($"cache/cas/{Sha(Pinned)}")));
        Assert.IsTrue(_engine.Messages.Any(m => m.Message!.StartsWith("ReproBuild: restored", StringComparison.Ordinal)), _engine.Log);
    }

    [TestMethod]
    public void TheCacheServesWhenTheSourceIsGone()
    {
        Assert.IsTrue(Restore(), _engine.Log);
        File.Delete(Target);
        File.Delete(_temp.File("share/pinned.csv"));

        Assert.IsTrue(Restore(), _engine.Log);
        Assert.AreEqual(Pinned, File.ReadAllText(Target));
    }

    [TestMethod]
    public void AFileThatIsAlreadyThePinnedOneIsLeftAlone()
    {
        _temp.Write("app/data/train.csv", Pinned);
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
        Assert.AreEqual(0, Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public void ALocalEditIsReplacedWithAWarningAndKept()
    {
        _temp.Write("app/data/train.csv", "a,b\n9,9\n");

        Assert.IsTrue(Restore(), _engine.Log);

        Assert.AreEqual(Pinned, File.ReadAllText(Target));
        Assert.AreEqual("RB4012", _engine.Warnings.Single().Code);
        Assert.AreEqual("a,b\n9,9\n", File.ReadAllText(_temp.File($"cache/cas/{Sha("a,b\n9,9\n")}")));
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
}
