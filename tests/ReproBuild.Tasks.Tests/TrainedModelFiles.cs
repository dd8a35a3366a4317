using System.Text;
using System.Text.Json.Nodes;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// What a successful training leaves in a model's obj/ folder, small: a result, a provenance statement with the
/// result's fingerprint and model digest (what <see cref="ModelOutputCheck"/> reads), model bytes and metrics.
/// </summary>
internal static class TrainedModelFiles
{
    public static string Write(string directory, ModelResult result, string modelBytes = "zip")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Model), modelBytes);
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Metrics), "{}");
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Result), ReproJson.Serialize(result));
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Provenance), Provenance(result.Fingerprint, result.Sha256));
        return directory;
    }

    /// <summary>A result for <paramref name="modelBytes"/> whose SHA-256 is the real digest, as the cache checks it.</summary>
    public static ModelResult ResultFor(string model, string fingerprint, string modelBytes) =>
        new(model, fingerprint, Sha256Digest.Of(Encoding.UTF8.GetBytes(modelBytes)), Catalog.BinaryClassification, "FastTree", 8, 2,
            new SortedDictionary<string, double?>(StringComparer.Ordinal));

    public static string Provenance(string fingerprint, string sha256) => new JsonObject
    {
        ["subject"] = new JsonArray { new JsonObject { ["digest"] = new JsonObject { ["sha256"] = sha256 } } },
        ["predicate"] = new JsonObject
        {
            ["buildDefinition"] = new JsonObject { ["internalParameters"] = new JsonObject { ["fingerprint"] = fingerprint } },
        },
    }.ToJsonString();
}
