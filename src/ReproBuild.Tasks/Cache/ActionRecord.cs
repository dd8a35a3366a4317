using System.Text;
using System.Text.Json;

namespace ReproBuild.Tasks.Cache;

/// <summary>
/// <c>ac/&lt;fingerprint&gt;</c>: what training a model with these inputs produced — the model's SHA-256 and every
/// file of its output folder by digest (the files themselves are in <c>cas/</c>). Only content-derived values,
/// so every machine that trains the same inputs writes the same record.
/// </summary>
internal sealed record ActionRecord(int FormatVersion, string Model, string Fingerprint, string Sha256, SortedDictionary<string, string> Files)
{
    public const int CurrentFormat = 1;

    public byte[] ToBytes() => new UTF8Encoding(false).GetBytes(ReproJson.Serialize(this));

    /// <summary>Parses a record read from a cache; null when it is not one, or names a file it has no business naming.</summary>
    public static ActionRecord? Parse(byte[] bytes, string fingerprint)
    {
        ActionRecord? record;
        try
        {
            record = ReproJson.Deserialize<ActionRecord>(Encoding.UTF8.GetString(bytes));
        }
        catch (JsonException)
        {
            return null;
        }
        var valid = record.FormatVersion == CurrentFormat
            && record.Fingerprint == fingerprint
            && record.Files is { Count: > 0 }
            && record.Files.All(f => IsPlainFileName(f.Key) && Sha256Digest.IsDigest(f.Value))
            && Sha256Digest.IsDigest(record.Sha256)
            && record.Files.GetValueOrDefault(Protocol.ModelOutputFiles.Model) == record.Sha256
            && record.Files.ContainsKey(Protocol.ModelOutputFiles.Result);
        return valid ? record : null;
    }

    // A record from a remote is untrusted input: it may only name files inside the model's own folder.
    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', ':']) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
