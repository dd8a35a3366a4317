using System.Reflection;
using System.Security.Cryptography;
using ReproBuild.Runtime;

namespace ReproBuild.Tool.Verify;

/// <summary>
/// Checks models against the digests the build recorded. For an assembly it is ReproBuild.Runtime's own check
/// (<see cref="EmbeddedModel.Verify"/>: embedded bytes against the stamped SHA-256 and the provenance's subject);
/// for a model file, its bytes against the subject of the provenance written beside it.
/// </summary>
internal static class ModelVerifier
{
    public static IReadOnlyList<VerifiedModel> Verify(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ToolError($"{full} does not exist. Name a built assembly (bin/…/MyModels.dll) or a model file (bin/…/models/MyModel.zip).");
        }
        return Path.GetExtension(full).Equals(".zip", StringComparison.OrdinalIgnoreCase) ? [VerifyModelFile(full)] : VerifyAssembly(full);
    }

    private static VerifiedModel VerifyModelFile(string zip)
    {
        // $(OutDir)models/<Model>.zip has <Model>.provenance.json beside it; obj/…/models/<Model>/model.zip has provenance.json.
        var name = Path.GetFileNameWithoutExtension(zip);
        var candidates = new[] { Path.ChangeExtension(zip, ".provenance.json"), Path.Combine(Path.GetDirectoryName(zip)!, "provenance.json") };
        var provenanceFile = candidates.FirstOrDefault(File.Exists)
            ?? throw new ToolError($"No provenance beside {zip} (looked for {Path.GetFileName(candidates[0])}); the build writes it next to the model in $(OutDir)models/. Copy it with the model, or verify the assembly instead.");
        ModelProvenance provenance;
        try
        {
            provenance = ModelProvenance.Parse(File.ReadAllText(provenanceFile));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ToolError($"{provenanceFile} is not a ReproBuild provenance document ({e.Message}); rebuild the project to write it again.");
        }
        if (name == "model")
        {
            name = Path.GetFileName(Path.GetDirectoryName(zip)!);
        }
        var actual = Sha256Of(File.ReadAllBytes(zip));
        var matches = string.Equals(actual, provenance.Sha256, StringComparison.OrdinalIgnoreCase);
        return new VerifiedModel(name, matches, provenance.Sha256, actual, provenance);
    }

    private static VerifiedModel[] VerifyAssembly(string file)
    {
        using var models = ModelAssembly.Open(file);
        return models.Names.Select(name => Check(models.Assembly, name)).ToArray();
    }

    private static VerifiedModel Check(Assembly assembly, string name)
    {
        try
        {
            var provenance = EmbeddedModel.Verify(assembly, name);
            return new VerifiedModel(name, true, provenance.Sha256, provenance.Sha256, provenance);
        }
        catch (ModelIntegrityException e)
        {
            return new VerifiedModel(name, false, e.ExpectedSha256, e.ActualSha256, null);
        }
        catch (KeyNotFoundException e)
        {
            return new VerifiedModel(name, false, null, null, null, e.Message);
        }
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
