using System.Security.Cryptography;
using System.Text;

namespace ReproBuild.Protocol;

/// <summary>
/// A model's fingerprint: the SHA-256 of its inputs document as written under obj/. The tasks compute it when they
/// write the document, the engine when it reads it to train; this is the one rule both follow. It keys the model cache,
/// the lock file's entry and the provenance: equal fingerprints, equal models.
/// </summary>
internal static class ModelFingerprint
{
    public static string Of(ReadOnlySpan<byte> inputsDocument) => Convert.ToHexStringLower(SHA256.HashData(inputsDocument));

    public static string Of(string inputsDocument) => Of(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(inputsDocument));

    /// <summary>The fingerprint of the inputs document in <paramref name="inputsFile"/>; null when there is none.</summary>
    public static string? OfFile(string inputsFile) => File.Exists(inputsFile) ? Of(File.ReadAllBytes(inputsFile)) : null;
}
