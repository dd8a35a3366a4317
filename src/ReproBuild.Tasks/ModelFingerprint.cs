using System.Text;

namespace ReproBuild.Tasks;

/// <summary>
/// A model's fingerprint: the SHA-256 of its inputs document as written under obj/ (the engine computes the same
/// from the same bytes). It keys the model cache and the lock file's entry: equal fingerprints, equal models.
/// </summary>
internal static class ModelFingerprint
{
    public static string Of(string inputsDocument) =>
        Sha256Digest.Of(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(inputsDocument));
}
