using System.Text.Json;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// <c>obj/…/stages/&lt;Stage&gt;.json</c>: what the stage's outputs were last made from (its lineage entry, fingerprint
/// included) and each file's change-detection hash beside its published digest. It is written after the outputs are
/// in place and removed before they are touched, so outputs are trusted only while a record vouches for them; the
/// hashes let a build where nothing changed check everything with one stat per file, and compute a SHA-256 only for
/// a new version of a file.
/// </summary>
internal sealed record StageRecord(
    int FormatVersion,
    StageReference Stage,
    IReadOnlyList<FileVersion> Inputs,
    IReadOnlyList<FileVersion> Code,
    IReadOnlyList<FileVersion> Outputs)
{
    public const int CurrentFormat = 1;

    public static StageRecord? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var record = ReproJson.Read<StageRecord>(path);
            return record.FormatVersion == CurrentFormat && record.Stage is not null ? record : null;
        }
        catch (JsonException)
        {
            return null; // unreadable: the stage runs again
        }
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, ReproJson.Serialize(this));

    /// <summary>Published digests this record knows, by path and content hash: a file whose hash is unchanged keeps its digest.</summary>
    public IEnumerable<FileVersion> AllFiles => Inputs.Concat(Code).Concat(Outputs);
}

/// <param name="Path">Relative to the project folder, '/' separators.</param>
/// <param name="Hash">XxHash128 of the content (change detection, through the stat cache).</param>
/// <param name="Digest">The published digest: SHA-256, or for a program's assembly its <see cref="Code.CompiledCode"/> digest.</param>
internal sealed record FileVersion(string Path, string Hash, string Digest);
