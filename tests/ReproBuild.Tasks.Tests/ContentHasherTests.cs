using System.Buffers.Binary;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// ContentHasher streams XXH3-128 itself on AVX2 machines (so that a build's first hash is not stuck in the JIT's
/// tier 0): its result must be System.IO.Hashing's XxHash128 (which the span overload calls) for every length and
/// every way the reads fall.
/// </summary>
[TestClass]
public sealed class ContentHasherTests : TempFolderTest
{
    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private string FileWith(byte[] content)
    {
        var path = Temp.File($"data-{content.Length}.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    [TestMethod]
    public void EveryLengthAroundTheBoundariesGivesTheLibrarysHash()
    {
        // The paths of XXH3 (up to 16, 128 and 240 bytes, then long), stripes (64), blocks (1024) and the buffer.
        var lengths = Enumerable.Range(0, 1100)
            .Concat(Enumerable.Range(2030, 40))
            .Concat([4095, 4096, 4097, 65_535, 65_536, 65_537, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 20) + 64, 3 * (1 << 20) + 77]);
        foreach (var length in lengths)
        {
            var content = Bytes(length, length);
            Assert.AreEqual(ContentHasher.XxHash128Of(content.AsSpan()), ContentHasher.XxHash128Of(FileWith(content)), $"{length} bytes");
        }
    }

    [TestMethod]
    public void ReadsOfAnySizeGiveTheLibrarysHash()
    {
        foreach (var length in new[] { 0, 1, 240, 241, 300, 1024, 1025, 5000, 70_001 })
        {
            var content = Bytes(length, 7 * length + 1);
            var path = FileWith(content);
            var expected = ContentHasher.XxHash128Of(content.AsSpan());
            Assert.AreEqual(expected, ContentHasher.XxHash128Of(path), $"{length} bytes");
            // The streaming loop exists only on AVX2 machines; elsewhere the file goes to the library, checked above.
            if (!ContentHasher.Xxh3.IsSupported)
            {
                continue;
            }
            foreach (var bufferSize in new[] { 1, 256, 300, 1000, 1024, 4096 }) // at least 256 bytes are read at a time
            {
                using var handle = File.OpenHandle(path);
                Assert.AreEqual(expected, Hex(ContentHasher.Xxh3.HashFile(handle, bufferSize)), $"{length} bytes read {bufferSize} at a time");
            }
        }
    }

    private static string Hex(UInt128 hash)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        return Convert.ToHexStringLower(bytes);
    }

    [TestMethod]
    public void TheHexIsWhatXxhsumPrints()
    {
        // `xxhsum -H2` (xxHash 0.8.1) over the 10,000 bytes (i * 31) mod 251: XXH3-128, seed 0, high 64 bits first.
        var content = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31 % 251)).ToArray();
        Assert.AreEqual("d9e85e789e92ef1ad9d55cc0b13241b1", ContentHasher.XxHash128Of(FileWith(content)));
    }
}
