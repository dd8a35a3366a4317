namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class StatCacheTests : TempFolderTest
{
    private string _cacheFile = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _cacheFile = Temp.File("obj/stat-cache.tsv");
    }

    private static string HashOf(StatCache cache, string path) => cache.Hash([path])[path].Hash;

    /// <summary>Replaces a file's bytes with others of the same length and puts its timestamp back: only reading would notice.</summary>
    private static void SwapContentBehindTheCachesBack(string path, string sameLengthContent)
    {
        var time = File.GetLastWriteTimeUtc(path);
        Assert.AreEqual(new FileInfo(path).Length, (long)sameLengthContent.Length);
        File.WriteAllText(path, sameLengthContent);
        File.SetLastWriteTimeUtc(path, time);
    }

    [TestMethod]
    public void UnchangedStatMeansTheFileIsNotReadAgain()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var cache = StatCache.Load(_cacheFile);
        var first = HashOf(cache, data);

        SwapContentBehindTheCachesBack(data, "a,b\n3,4\n");

        Assert.AreEqual(first, HashOf(cache, data), "the cached hash is returned without reading the bytes");
        Assert.AreNotEqual(first, ContentHasher.XxHash128Of(data), "the content really did change");
    }

    [TestMethod]
    public void TouchedFileWithTheSameContentKeepsItsHash()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var cache = StatCache.Load(_cacheFile);
        var first = HashOf(cache, data);

        File.SetLastWriteTimeUtc(data, File.GetLastWriteTimeUtc(data).AddMinutes(5));
        SwapContentBehindTheCachesBack(data, "a,b\n1,2\n");

        Assert.AreEqual(first, HashOf(cache, data));
    }

    [TestMethod]
    public void ChangedContentGivesANewHash()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var cache = StatCache.Load(_cacheFile);
        var first = HashOf(cache, data);

        File.WriteAllText(data, "a,b\n1,2\n3,4\n");

        var second = HashOf(cache, data);
        Assert.AreNotEqual(first, second);
        Assert.AreEqual(ContentHasher.XxHash128Of(data), second);
    }

    [TestMethod]
    public void SameSizeContentWithANewTimestampGivesANewHash()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var cache = StatCache.Load(_cacheFile);
        var first = HashOf(cache, data);

        var time = File.GetLastWriteTimeUtc(data);
        File.WriteAllText(data, "a,b\n9,9\n");
        File.SetLastWriteTimeUtc(data, time.AddSeconds(1));

        Assert.AreNotEqual(first, HashOf(cache, data));
    }

    [TestMethod]
    public void HashesAreTheXxHash128OfTheContentWithTheSize()
    {
        var data = Temp.Write("data.csv", "hello");
        var result = StatCache.Load(_cacheFile).Hash([data])[data];

        Assert.AreEqual(ContentHasher.XxHash128Of("hello"u8), result.Hash);
        Assert.AreEqual(5L, result.Size);
        Assert.AreEqual(32, result.Hash.Length);
    }

    [TestMethod]
    public void CachePersistsAcrossLoadAndSave()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var other = Temp.Write("other.csv", "x\n1\n");
        var cache = StatCache.Load(_cacheFile);
        var first = cache.Hash([data, other]);
        cache.SaveIfChanged();
        Assert.IsTrue(File.Exists(_cacheFile));

        SwapContentBehindTheCachesBack(data, "a,b\n3,4\n");

        var reloaded = StatCache.Load(_cacheFile).Hash([data, other]);
        Assert.AreEqual(first[data].Hash, reloaded[data].Hash, "the persisted entry is used, so the bytes were not read");
        Assert.AreEqual(first[other].Hash, reloaded[other].Hash);
    }

    [TestMethod]
    public void NothingIsWrittenWhenNothingWasHashed()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var cache = StatCache.Load(_cacheFile);
        cache.Hash([data]);
        cache.SaveIfChanged();
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_cacheFile, old);

        var again = StatCache.Load(_cacheFile);
        again.Hash([data]);
        again.SaveIfChanged();

        Assert.AreEqual(old, File.GetLastWriteTimeUtc(_cacheFile), "a build where nothing changed does not rewrite the cache");
    }

    [TestMethod]
    public void CorruptCacheLinesAreMissesNotFailures()
    {
        var data = Temp.Write("data.csv", "a,b\n1,2\n");
        var info = new FileInfo(data);
        Temp.Write("obj/stat-cache.tsv", $"garbage\nnot-a-hash\tx\ty\t{data}\n0000\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\n");

        Assert.AreEqual(ContentHasher.XxHash128Of(data), HashOf(StatCache.Load(_cacheFile), data));
    }

    [TestMethod]
    public void ManyFilesAreHashedEachToItsOwnContent()
    {
        var files = Enumerable.Range(0, 20).Select(i => Temp.Write($"f{i}.csv", $"v\n{i}\n")).ToArray();

        var hashes = StatCache.Load(_cacheFile).Hash(files);

        Assert.HasCount(20, hashes);
        foreach (var file in files)
        {
            Assert.AreEqual(ContentHasher.XxHash128Of(file), hashes[file].Hash, file);
        }
        Assert.HasCount(20, hashes.Values.Select(h => h.Hash).Distinct().ToArray());
    }
}
