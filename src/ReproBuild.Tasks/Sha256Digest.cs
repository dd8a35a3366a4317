using System.Security.Cryptography;

namespace ReproBuild.Tasks;

/// <summary>
/// SHA-256 as ReproBuild publishes it — lowercase hex — for the lock file, the model cache's keys and the pins of
/// restored data. One place, so that every digest is computed, read and recognised the same way.
/// </summary>
internal static class Sha256Digest
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Whether the text is a digest in that form: 64 lowercase hexadecimal digits.</summary>
    public static bool IsDigest(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}
