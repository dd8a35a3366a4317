using ReproBuild.Runtime;
using ReproBuild.Runtime.Drift;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Verify;

namespace ReproBuild.Tool.Drift;

/// <summary>
/// Current data compared with a model's drift reference — the one its project's last build wrote under obj/, or the
/// one embedded in a built assembly — with ReproBuild.Runtime's checks: the reference's bytes against the digest the
/// provenance records, the data file read by ReproBuild's one reader. Every problem is a <see cref="ToolError"/> with
/// the runtime's own message (an RB code at the cell for a bad file).
/// </summary>
internal static class DriftComparison
{
    /// <summary>The reference the project's last build wrote for the model (the status entry's output folder).</summary>
    public static DriftReference FromBuild(IReadOnlyList<StatusItem> status, string model, ConsoleOutput output)
    {
        var models = status.Where(e => e.Kind == StatusItem.Model).ToArray();
        var name = ItemNames.Normalize(model);
        var entry = models.FirstOrDefault(m => m.Name == name)
            ?? throw new ToolError(models.Length == 0
                ? $"The project declares no models; name the project that declares the Model items."
                : $"The project has no model '{model}'; models: {string.Join(", ", models.Select(m => m.Name).Order(StringComparer.Ordinal))}.");
        var folder = entry.Get("OutputDirectory") ?? throw new ToolError($"The project's status names no output folder for model '{name}'; build it with this version of ReproBuild.");
        var referenceFile = Path.Combine(folder, "reference.json");
        var provenanceFile = Path.Combine(folder, "provenance.json");
        if (!File.Exists(referenceFile) || !File.Exists(provenanceFile))
        {
            throw new ToolError($"Model '{name}' has no drift reference in {folder} yet; build the project ('dotnet build') and run the command again.");
        }
        if (entry.Stale)
        {
            output.Warning($"model '{name}' is stale ({string.Join("; ", entry.Reasons)}); comparing with the reference of its last build.");
        }
        return Trusted(name, () => DriftReference.Load(referenceFile, name, ModelProvenance.Parse(File.ReadAllText(provenanceFile))));
    }

    /// <summary>The reference embedded beside the model in a built assembly, after the model's and its digests are checked.</summary>
    public static DriftReference FromAssembly(string path, string model)
    {
        using var assembly = ModelAssembly.Open(path);
        return Trusted(model, () => DriftReference.Load(assembly.Assembly, model));
    }

    /// <summary>Compares a data file with the reference.</summary>
    public static DriftReport Compare(DriftReference reference, string file, DriftOptions options)
    {
        try
        {
            return reference.Compare(Path.GetFullPath(file), options);
        }
        catch (InvalidDataException e)
        {
            throw new ToolError(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new ToolError($"{reference.Model}: {e.Message}");
        }
    }

    private static DriftReference Trusted(string model, Func<DriftReference> load)
    {
        try
        {
            return load();
        }
        catch (ModelIntegrityException e)
        {
            throw new ToolError(e.Message);
        }
        catch (KeyNotFoundException e)
        {
            throw new ToolError(e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new ToolError($"The drift reference or provenance of model '{model}' cannot be read ({e.Message}); build the project again to rewrite them.");
        }
    }
}
