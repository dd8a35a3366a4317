using System.Buffers;
using System.IO.Hashing;

namespace ReproBuild.Tasks;

/// <summary>XxHash128 of a file's content: the change-detection hash, about six times faster than SHA-256 (FACTS.md).</summary>
internal static class ContentHasher
{
    private const int BufferSize = 1 << 20;

    public static string XxHash128Of(string path)
    {
        var hasher = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hasher.GetCurrentHash());
    }

    public static string XxHash128Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(XxHash128.Hash(content));
}
