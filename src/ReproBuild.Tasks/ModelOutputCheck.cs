using System.Text;
using System.Text.Json;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// The one test of whether a model's output files are what training produced for its current inputs: the result
/// names the model and the current fingerprint, the provenance records the same fingerprint and has the result's model
/// SHA-256 as its subject, and (when asked) model.zip hashes to it and reference.json to the digest the provenance records. Every place that accepts outputs it did not just
/// write asks this — obj/ before the training target's timestamp check, the lock file writer, the status check, and
/// the cache on both sides — so outputs of other inputs (an orphaned engine's, a hand-edited cache record's, another
/// model's) are never shipped, stored or restored.
/// </summary>
internal static class ModelOutputCheck
{
    /// <summary>
    /// Outputs an earlier ReproBuild made for the same inputs, before results recorded the input columns and classes
    /// the typed API is generated from and before the drift reference: not wrong, only incomplete, so the cache treats
    /// them as a plain miss.
    /// </summary>
    public const string Outdated = "they were made by an earlier ReproBuild, without the input columns the typed API is generated from or the drift reference";

    /// <summary>Null when the outputs hold; otherwise why not, as a phrase for a message.</summary>
    /// <param name="read">A file of the model's outputs by name (<see cref="ModelOutputFiles"/>); null when it is missing.</param>
    /// <param name="hashModel">Also hash model.zip. The no-op build leaves it out: the fingerprint is what tells outputs
    /// of other inputs apart, and a torn folder cannot happen (outputs appear by one rename).</param>
    public static string? Problem(string model, string fingerprint, Func<string, byte[]?> read, bool hashModel)
    {
        if (read(ModelOutputFiles.Result) is not { } resultBytes || read(ModelOutputFiles.Provenance) is not { } provenanceBytes)
        {
            return "its result or provenance is missing";
        }
        ModelResult result;
        string? provenanceFingerprint, provenanceSubject, referenceDigest;
        try
        {
            result = ReproJson.Deserialize<ModelResult>(Encoding.UTF8.GetString(resultBytes));
            using var provenance = JsonDocument.Parse(provenanceBytes);
            provenanceSubject = provenance.RootElement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString();
            provenanceFingerprint = provenance.RootElement.GetProperty("predicate").GetProperty("buildDefinition")
                .GetProperty("internalParameters").GetProperty("fingerprint").GetString();
            referenceDigest = provenance.RootElement.GetProperty("predicate").TryGetProperty("runDetails", out var runDetails) && runDetails.TryGetProperty("byproducts", out var byproducts)
                ? byproducts.EnumerateArray().Where(b => b.GetProperty("name").GetString() == ModelOutputFiles.Reference)
                    .Select(b => b.GetProperty("digest").GetProperty("sha256").GetString()).FirstOrDefault()
                : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return "its result or provenance cannot be read";
        }
        if (result.Model != model)
        {
            return $"they are model '{result.Model}''s";
        }
        if (result.Fingerprint != fingerprint || provenanceFingerprint != fingerprint)
        {
            return $"they were trained from inputs with fingerprint {InputChanges.Prefix(result.Fingerprint ?? "")}, not from the current inputs ({InputChanges.Prefix(fingerprint)})";
        }
        if (provenanceSubject != result.Sha256)
        {
            return "its provenance names another model file";
        }
        if (hashModel && (read(ModelOutputFiles.Model) is not { } zip || Sha256Digest.Of(zip) != result.Sha256))
        {
            return "model.zip is missing or does not hash to the SHA-256 its result records";
        }
        // Outputs an earlier ReproBuild made for the same inputs lack what later features need — the input columns the
        // typed API is generated from, the drift reference that ships beside the model: retrained (to the same model bytes).
        if (result.InputColumns is null || referenceDigest is null)
        {
            return Outdated;
        }
        // The drift reference is embedded beside the model: it must be the one the provenance vouches for.
        if (hashModel && (read(ModelOutputFiles.Reference) is not { } reference || Sha256Digest.Of(reference) != referenceDigest))
        {
            return "reference.json is missing or does not hash to the SHA-256 its provenance records";
        }
        return null;
    }

    /// <summary>The same test of a model's output folder on disk.</summary>
    public static string? Problem(string model, string fingerprint, string outputDirectory, bool hashModel) =>
        Problem(model, fingerprint, name => File.Exists(Path.Combine(outputDirectory, name)) ? File.ReadAllBytes(Path.Combine(outputDirectory, name)) : null, hashModel);
}
