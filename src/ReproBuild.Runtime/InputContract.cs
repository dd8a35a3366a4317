using System.Security.Cryptography;
using Microsoft.ML;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Runtime;

/// <summary>
/// The columns a model takes and the rules each value must meet: the feature columns it was trained on, read as it
/// read them, with the Table Schema's constraints when its training data had a schema. What a service checks a
/// request against before the model sees it.
/// </summary>
public sealed class InputContract
{
    private readonly Dictionary<string, InputField> _byName;

    private InputContract(IReadOnlyList<InputField> fields, string? schemaSha256)
    {
        Fields = fields;
        SchemaSha256 = schemaSha256;
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The feature columns, in the order the training data had them.</summary>
    public IReadOnlyList<InputField> Fields { get; }

    /// <summary>The SHA-256 of the Table Schema the rules come from (checked against the provenance); null when the training data had none.</summary>
    public string? SchemaSha256 { get; }

    /// <summary>The field of that name (exact, case-sensitive), or null.</summary>
    public InputField? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The contract of a loaded model: its features from the provenance and the model's input columns, and, when the
    /// build embedded its training data's Table Schema, that schema after checking its bytes against the digest the
    /// provenance records.
    /// </summary>
    internal static InputContract Create(string model, DataViewSchema inputSchema, ModelProvenance provenance, byte[]? schemaBytes)
    {
        TableSchema? schema = null;
        string? schemaSha256 = null;
        if (schemaBytes is not null)
        {
            schemaSha256 = Convert.ToHexStringLower(SHA256.HashData(schemaBytes));
            var recorded = provenance.Datasets.FirstOrDefault(d => d.Role == "train")?.SchemaSha256;
            if (!string.Equals(recorded, schemaSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelIntegrityException(model, "input schema", recorded ?? "none", schemaSha256);
            }
            var problems = new List<string>();
            schema = TableSchema.Parse(schemaBytes, StampNames.SchemaResource(model), new SchemaReporter(
                (code, message, _, line, column) => problems.Add($"({line},{column}) {code}: {message}"),
                (_, _, _, _, _) => { }));
            if (schema is null)
            {
                throw new InvalidDataException($"The input schema embedded with model '{model}' cannot be read: {string.Join("; ", problems)}");
            }
        }

        var visible = inputSchema.Where(c => !c.IsHidden).ToArray();
        var columns = visible.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var features = ModelFeatures.Select(provenance.Features, provenance.Ignore, provenance.Label, visible.Select(c => c.Name));
        var fields = new List<InputField>(features.Length);
        foreach (var name in features)
        {
            if (!columns.TryGetValue(name, out var column))
            {
                throw new InvalidDataException($"Model '{model}' names feature column '{name}', which its saved input schema does not have.");
            }
            var field = schema?.Fields.FirstOrDefault(f => f.Name == name);
            fields.Add(new InputField(name, column.Type.RawType == typeof(float), field));
        }
        return new InputContract(fields, schemaSha256);
    }
}
