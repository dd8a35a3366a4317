using System.Reflection;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime;

/// <summary>
/// A model that a ReproBuild build embedded in an assembly, loaded only after its bytes were checked against the
/// SHA-256 stamped beside it, so what runs is exactly what was trained, evaluated and gated.
/// </summary>
public sealed class EmbeddedModel
{
    private EmbeddedModel(string name, string sha256, string? version, ModelProvenance provenance, MLContext context, ITransformer transformer, DataViewSchema inputSchema, InputContract inputs)
    {
        Inputs = inputs;
        Name = name;
        Sha256 = sha256;
        Version = version;
        Provenance = provenance;
        Context = context;
        Transformer = transformer;
        InputSchema = inputSchema;
    }

    /// <summary>The model's name (the Model item's Include).</summary>
    public string Name { get; }

    /// <summary>The SHA-256 of the model's bytes, as stamped and as checked.</summary>
    public string Sha256 { get; }

    /// <summary>The model's SemVer version, as stamped.</summary>
    public string? Version { get; }

    /// <summary>How the model was made: datasets, parameters, tool versions and metrics.</summary>
    public ModelProvenance Provenance { get; }

    /// <summary>The evaluation metrics recorded at build time, by ML.NET metric name.</summary>
    public IReadOnlyDictionary<string, double?> Metrics => Provenance.Metrics;

    /// <summary>The ML.NET context the model was loaded with; use it for prediction engines and data loading.</summary>
    public MLContext Context { get; }

    /// <summary>The whole pipeline, featurisation included: it takes raw rows.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The columns the model was trained on, in the types it expects.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The feature columns the model takes and the rules (types, Table Schema constraints) each value must meet, as the build checked its training data.</summary>
    public InputContract Inputs { get; }

    /// <summary>The names of the models embedded in an assembly.</summary>
    public static IReadOnlyList<string> Names(Assembly assembly)
    {
        const string prefix = "ReproBuild/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".zip", StringComparison.Ordinal))
            .Select(name => name[prefix.Length..^".zip".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Loads an embedded model after checking its bytes against the stamped digest; the name matches in any Unicode normalisation form.</summary>
    /// <exception cref="KeyNotFoundException">The assembly has no model of that name, or no digest for it.</exception>
    /// <exception cref="ModelIntegrityException">The model's bytes do not match the stamped digest, or its embedded input schema the digest its provenance records.</exception>
    public static EmbeddedModel Load(Assembly assembly, string name, MLContext? context = null)
    {
        name = ItemNames.Normalize(name);
        var (bytes, provenance) = ReadVerified(assembly, name);
        context ??= new MLContext(seed: provenance.Seed);
        var transformer = context.Model.Load(new MemoryStream(bytes, writable: false), out var schema);
        // The schema's bytes are checked against the digest the provenance records before any rule of it is used.
        var inputs = InputContract.Create(name, schema, provenance, ReadResource(assembly, StampNames.SchemaResource(name)));
        return new EmbeddedModel(name, provenance.Sha256, Stamp(assembly, StampNames.ModelVersion(name)), provenance, context, transformer, schema, inputs);
    }

    /// <summary>
    /// Checks an embedded model's bytes against the stamped digest and returns its provenance (metrics included),
    /// without loading ML.NET's model: what a metric gate needs.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The assembly has no model of that name, or no digest for it.</exception>
    /// <exception cref="ModelIntegrityException">The model's bytes do not match the stamped digest.</exception>
    public static ModelProvenance Verify(Assembly assembly, string name) => ReadVerified(assembly, ItemNames.Normalize(name)).Provenance;

    private static (byte[] Bytes, ModelProvenance Provenance) ReadVerified(Assembly assembly, string name)
    {
        var bytes = ReadResource(assembly, StampNames.ModelResource(name))
            ?? throw new KeyNotFoundException($"Assembly '{assembly.GetName().Name}' has no embedded ReproBuild model '{name}'. Models: {string.Join(", ", Names(assembly))}.");
        var stamped = Stamp(assembly, StampNames.ModelSha256(name))
            ?? throw new KeyNotFoundException($"Assembly '{assembly.GetName().Name}' embeds model '{name}' but carries no '{StampNames.ModelSha256(name)}' stamp to check it against.");
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, stamped, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelIntegrityException(name, stamped, actual);
        }

        var provenanceBytes = ReadResource(assembly, StampNames.ProvenanceResource(name))
            ?? throw new KeyNotFoundException($"Assembly '{assembly.GetName().Name}' embeds model '{name}' without its provenance.");
        var provenance = ModelProvenance.Parse(System.Text.Encoding.UTF8.GetString(provenanceBytes));
        if (!string.Equals(provenance.Sha256, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelIntegrityException(name, provenance.Sha256, actual);
        }
        return (bytes, provenance);
    }

    /// <summary>A typed prediction engine over the model, for single rows: <typeparamref name="TInput"/> names the raw columns it needs.</summary>
    public PredictionEngine<TInput, TOutput> CreatePredictionEngine<TInput, TOutput>()
        where TInput : class
        where TOutput : class, new() =>
        Context.Model.CreatePredictionEngine<TInput, TOutput>(Transformer, InputSchema);

    /// <summary>Scores data: the model's output columns (Score, PredictedLabel, Probability, …) added to the input's.</summary>
    public IDataView Predict(IDataView data) => Transformer.Transform(data);

    /// <summary>
    /// Evaluates the model on a delimited file with a header, with the reader, label handling and evaluator the
    /// build uses, and returns ML.NET's metrics for its task by name.
    /// </summary>
    /// <param name="path">The data: a header row, the label column, and the model's input columns.</param>
    /// <param name="separator">The field separator; by default ',' (a tab for .tsv files).</param>
    /// <exception cref="InvalidDataException">The file does not fit the model; the message names the line and column.</exception>
    public IReadOnlyDictionary<string, double?> Evaluate(string path, char? separator = null)
    {
        try
        {
            return Data.DatasetEvaluation.Evaluate(this, path, separator ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ','));
        }
        catch (Data.UserError error)
        {
            throw new InvalidDataException(error.Describe(), error);
        }
    }

    /// <summary>
    /// Reads a delimited text file with a header into the model's input columns, matched by name, so raw rows
    /// can be scored without writing an input class. A binary model's label is read as the text it is in the file.
    /// </summary>
    public IDataView LoadCsv(string path, char separator = ',')
    {
        var header = File.ReadLines(path).FirstOrDefault() ?? throw new InvalidDataException($"'{path}' is empty.");
        var names = header.TrimStart('\uFEFF').Split(separator).Select(n => n.Trim().Trim('"')).ToList();
        var columns = new List<TextLoader.Column>();
        foreach (var column in InputSchema.Where(c => !c.IsHidden))
        {
            var index = names.IndexOf(column.Name);
            var kind = column.Type.RawType == typeof(float) ? DataKind.Single
                : column.Type.RawType == typeof(ReadOnlyMemory<char>) || column.Type.RawType == typeof(bool) ? DataKind.String
                : (DataKind?)null;
            if (index >= 0 && kind is { } dataKind)
            {
                columns.Add(new TextLoader.Column(column.Name, dataKind, index));
            }
        }
        var loader = Context.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = [.. columns],
            Separators = [separator],
            HasHeader = true,
            AllowQuoting = true,
            ReadMultilines = true,
        });
        return loader.Load(path);
    }

    internal static byte[]? ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string? Stamp(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

}
