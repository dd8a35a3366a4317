using System.Security.Cryptography;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>
/// The SHA-256 a dataset's summary and provenance publish is computed beside the parser, on a thread of its own: it
/// must be the file's one-shot SHA-256 whatever its size and however it is read, and a failure on either side must
/// surface without leaving a thread behind.
/// </summary>
[TestClass]
public sealed class HashingStreamTests
{
    private const int Buffer = HashingThread.BufferSize;

    public static IEnumerable<object[]> Sizes =>
    [
        [0], [1], [Buffer - 1], [Buffer], [Buffer + 1], [2 * Buffer], [(HashingThread.Buffers + 3) * Buffer + 12_345],
    ];

    [TestMethod]
    [DynamicData(nameof(Sizes))]
    public void DigestIsTheOneShotSha256ReadingInSmallPieces(int size)
    {
        var bytes = Bytes(size);
        foreach (var threaded in new[] { true, false })
        {
            using var stream = new HashingStream(new MemoryStream(bytes), new HashingThread(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), threaded));

            var read = ReadAll(stream, piece: 1000);

            CollectionAssert.AreEqual(bytes, read, $"bytes through the stream, threaded {threaded}");
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), stream.FinishSha256(), $"threaded {threaded}");
            Assert.AreEqual(size, stream.BytesRead);
        }
    }

    /// <summary>The parser may stop early (a row too long to read): the digest still covers the whole file.</summary>
    [TestMethod]
    [DynamicData(nameof(Sizes))]
    public void DigestCoversBytesTheReaderLeftUnread(int size)
    {
        var bytes = Bytes(size);
        using var stream = new HashingStream(new MemoryStream(bytes), new HashingThread(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), threaded: true));
        stream.ReadExactly(new byte[Math.Min(size, Buffer + 7)]);

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), stream.FinishSha256());
        Assert.AreEqual(size, stream.BytesRead);
    }

    [TestMethod]
    public void FailureOfTheReaderSurfacesAndLeavesNoThread()
    {
        var hasher = new HashingThread(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), threaded: true);
        var stream = new HashingStream(new FailingStream(failAfter: 3 * Buffer), hasher);

        var error = Assert.ThrowsExactly<IOException>(() => ReadAll(stream, piece: 1 << 16));
        Assert.IsTrue(hasher.IsRunning, "the file is read past its first buffer, so hashing runs beside the reader");
        stream.Dispose();

        Assert.AreEqual("disk gone", error.Message);
        Assert.IsFalse(hasher.IsRunning);
    }

    [TestMethod]
    public void FailureOfTheHasherSurfacesToTheReaderAndLeavesNoThread()
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.Dispose();
        var hasher = new HashingThread(hash, threaded: true);
        using var stream = new HashingStream(new MemoryStream(Bytes(8 * Buffer)), hasher);

        Assert.ThrowsExactly<ObjectDisposedException>(() =>
        {
            ReadAll(stream, piece: 1 << 16);
            stream.FinishSha256();
        });

        Assert.IsFalse(hasher.IsRunning);
    }

    [TestMethod]
    public void SmallFileIsHashedWithoutAThread()
    {
        var hasher = new HashingThread(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), threaded: true);
        using var stream = new HashingStream(new MemoryStream(Bytes(Buffer - 1)), hasher);

        ReadAll(stream, piece: 4096);

        Assert.IsFalse(hasher.IsRunning);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Bytes(Buffer - 1))), stream.FinishSha256());
    }

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private static byte[] ReadAll(Stream stream, int piece)
    {
        var all = new MemoryStream();
        var buffer = new byte[piece];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, read);
        }
        return all.ToArray();
    }

    private sealed class FailingStream(long failAfter) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("disk gone");
            }
            var read = (int)Math.Min(count, failAfter - _position);
            buffer.AsSpan(offset, read).Fill(7);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
