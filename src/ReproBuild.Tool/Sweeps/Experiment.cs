using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// One point of a sweep: a model with some of its parameters (and perhaps its seed) set to other values. Its id is
/// derived from exactly that — the model's name, the overrides sorted by name, the seed — so the same experiment has
/// the same id in every sweep, on every machine, whatever order the grid was written in.
/// </summary>
internal sealed record Experiment(string Model, SortedDictionary<string, string> Overrides, int? Seed)
{
    /// <summary><c>Model-</c> and ten hex digits of the SHA-256 of the model, overrides and seed: a folder name, short enough to type.</summary>
    public string Id { get; } = $"{Model}-{Hash(Model, Overrides, Seed)}";

    /// <summary>The model's own Parameters with the overrides in place, as the Parameters metadata writes them.</summary>
    public string ParametersFor(string modelParameters)
    {
        var merged = new List<string>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value, entry) in ParameterList.Entries(modelParameters))
        {
            var overridden = name.Length == 0 ? null : Overrides.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            // An entry the build will reject stays as written, so its error names it as the user wrote it.
            merged.Add(overridden is null ? entry : $"{name}={Overrides[overridden]}");
            if (overridden is not null)
            {
                replaced.Add(overridden);
            }
        }
        merged.AddRange(Overrides.Where(o => !replaced.Contains(o.Key)).Select(o => $"{o.Key}={o.Value}"));
        return string.Join(";", merged);
    }

    /// <summary>"NumberOfTrees=20 LearningRate=0.1", or "-" when only the seed (or nothing) changes.</summary>
    public string Describe() => Overrides.Count == 0 ? "-" : string.Join(" ", Overrides.Select(o => $"{o.Key}={o.Value}"));

    private static string Hash(string model, SortedDictionary<string, string> overrides, int? seed)
    {
        var text = new StringBuilder(model).Append('\n');
        foreach (var (name, value) in overrides)
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }
        if (seed is { } s)
        {
            text.Append("seed=").Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..10];
    }
}
