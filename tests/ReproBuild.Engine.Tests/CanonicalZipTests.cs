using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ReproBuild.Engine.Outputs;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class CanonicalZipTests
{
    private static readonly (string Name, string Content)[] Entries =
    [
        ("TrainingInfo/Version.txt", "1.0.0"),
        ("Model/Schema/Schema.key", "schema bytes"),
        ("Model/Model.key", new string('x', 5000)),
        ("Zeta.txt", "last"),
        ("alpha.txt", "lower case sorts after upper case ordinally"),
    ];

    private static byte[] MakeZip(IEnumerable<(string Name, string Content)> entries, DateTimeOffset time, CompressionLevel level)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, level);
                entry.LastWriteTime = time;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    [TestMethod]
    public void ZipsWithSameEntriesButDifferentTimesOrderAndCompressionRewriteToIdenticalBytes()
    {
        var first = MakeZip(Entries, new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero), CompressionLevel.Optimal);
        var second = MakeZip(Entries.Reverse(), new DateTimeOffset(2031, 12, 24, 23, 59, 58, TimeSpan.Zero), CompressionLevel.NoCompression);
        CollectionAssert.AreNotEqual(first, second, "the inputs must differ for this test to mean anything");

        var rewrittenFirst = CanonicalZip.Rewrite(first);
        var rewrittenSecond = CanonicalZip.Rewrite(second);

        CollectionAssert.AreEqual(rewrittenFirst, rewrittenSecond);
        Assert.AreEqual(Convert.ToHexString(SHA256.HashData(rewrittenFirst)), Convert.ToHexString(SHA256.HashData(rewrittenSecond)));
    }

    [TestMethod]
    public void RewriteIsStableWhenAppliedToItsOwnOutput()
    {
        var once = CanonicalZip.Rewrite(MakeZip(Entries, DateTimeOffset.Now, CompressionLevel.Fastest));
        CollectionAssert.AreEqual(once, CanonicalZip.Rewrite(once));
    }

    [TestMethod]
    public void OutputOpensWithZipArchiveWithEntriesSortedOrdinallyAndContentsIntact()
    {
        var rewritten = CanonicalZip.Rewrite(MakeZip(Entries, DateTimeOffset.Now, CompressionLevel.Optimal));

        using var archive = new ZipArchive(new MemoryStream(rewritten), ZipArchiveMode.Read);
        var expectedNames = Entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expectedNames, archive.Entries.Select(e => e.FullName).ToArray());
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            Assert.AreEqual(Entries.Single(e => e.Name == entry.FullName).Content, reader.ReadToEnd(), entry.FullName);
        }
    }

    [TestMethod]
    public void EveryEntryIsDatedJanuaryFirst1980WithNoAttributes()
    {
        var rewritten = CanonicalZip.Rewrite(MakeZip(Entries, new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero), CompressionLevel.Optimal));

        using var archive = new ZipArchive(new MemoryStream(rewritten), ZipArchiveMode.Read);
        Assert.HasCount(Entries.Length, archive.Entries);
        foreach (var entry in archive.Entries)
        {
            Assert.AreEqual(new DateTime(1980, 1, 1, 0, 0, 0), entry.LastWriteTime.DateTime, entry.FullName);
            Assert.AreEqual(0, entry.ExternalAttributes, entry.FullName);
        }
    }

    [TestMethod]
    public void DirectoryEntriesAreDroppedAndBackslashesBecomeSlashes()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("Model/");
            using var stream = archive.CreateEntry("Model\\Data.bin").Open();
            stream.Write([1, 2, 3]);
        }

        using var rewritten = new ZipArchive(new MemoryStream(CanonicalZip.Rewrite(buffer.ToArray())), ZipArchiveMode.Read);
        CollectionAssert.AreEqual(new[] { "Model/Data.bin" }, rewritten.Entries.Select(e => e.FullName).ToArray());
    }

    [TestMethod]
    public void NonAsciiEntryNamesSurviveTheRewrite()
    {
        var rewritten = CanonicalZip.Rewrite(MakeZip([("Modèle/données.bin", "é")], DateTimeOffset.Now, CompressionLevel.Optimal));

        using var archive = new ZipArchive(new MemoryStream(rewritten), ZipArchiveMode.Read);
        Assert.AreEqual("Modèle/données.bin", archive.Entries.Single().FullName);
    }
}
