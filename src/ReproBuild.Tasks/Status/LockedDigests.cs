using System.Text.Json;

namespace ReproBuild.Tasks;

/// <summary>
/// The digests a lock file records — per model its fingerprint, per dataset its SHA-256 — read leniently: the status
/// check only compares them, and a missing or unreadable lock simply means the build would write a new one.
/// </summary>
internal sealed class LockedDigests
{
    private LockedDigests(IReadOnlyDictionary<string, string> models, IReadOnlyDictionary<string, string> datasets, string? problem)
    {
        ModelFingerprints = models;
        DatasetSha256 = datasets;
        Problem = problem;
    }

    public IReadOnlyDictionary<string, string> ModelFingerprints { get; }

    public IReadOnlyDictionary<string, string> DatasetSha256 { get; }

    /// <summary>Why the lock could not be read, or null.</summary>
    public string? Problem { get; }

    public static LockedDigests Read(string path)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        var datasets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new LockedDigests(models, datasets, "it does not exist yet");
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            Collect(document.RootElement, "models", "fingerprint", models);
            Collect(document.RootElement, "datasets", "sha256", datasets);
            return new LockedDigests(models, datasets, null);
        }
        catch (JsonException e)
        {
            return new LockedDigests(models, datasets, $"it is not valid JSON ({e.Message})");
        }
    }

    private static void Collect(JsonElement root, string section, string property, Dictionary<string, string> into)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(section, out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in entries.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    into[entry.Name] = value.GetString()!;
                }
            }
        }
    }
}
