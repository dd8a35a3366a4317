using System.Text.Json;

namespace ReproBuild.Runtime;

/// <summary>
/// A model's provenance as the build recorded it: an in-toto Statement v1 with an SLSA Provenance v1 predicate.
/// The typed members cover what people ask most; <see cref="Json"/> is the whole document.
/// </summary>
public sealed class ModelProvenance
{
    private ModelProvenance(string json)
    {
        Json = json;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Sha256 = root.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString()!;
        var predicate = root.GetProperty("predicate");
        var definition = predicate.GetProperty("buildDefinition");
        var external = definition.GetProperty("externalParameters");
        Task = external.GetProperty("task").GetString()!;
        Trainer = external.GetProperty("trainer").GetString()!;
        Label = external.GetProperty("label").GetString()!;
        Seed = external.GetProperty("seed").GetInt32();
        PositiveLabel = external.TryGetProperty("positiveLabel", out var positive) ? positive.GetString() : null;
        Features = Names(external, "features");
        Ignore = Names(external, "ignore");
        Parameters = external.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        Fingerprint = definition.GetProperty("internalParameters").GetProperty("fingerprint").GetString()!;

        var datasets = new List<DatasetDigest>();
        var stages = new List<StageProvenance>();
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dependency in definition.GetProperty("resolvedDependencies").EnumerateArray())
        {
            var name = dependency.GetProperty("name").GetString()!;
            if (name.StartsWith("dataset:", StringComparison.Ordinal))
            {
                var annotations = dependency.GetProperty("annotations");
                datasets.Add(new DatasetDigest(
                    name["dataset:".Length..],
                    annotations.GetProperty("role").GetString()!,
                    dependency.GetProperty("digest").GetProperty("sha256").GetString()!,
                    annotations.GetProperty("rows").GetInt64(),
                    annotations.GetProperty("size").GetInt64(),
                    annotations.TryGetProperty("schemaSha256", out var schema) ? schema.GetString() : null,
                    annotations.TryGetProperty("producedBy", out var producer) ? producer.GetString()!["stage:".Length..] : null));
            }
            else if (name.StartsWith("stage:", StringComparison.Ordinal))
            {
                stages.Add(StageProvenance.From(name["stage:".Length..], dependency));
            }
            else if (dependency.TryGetProperty("uri", out var uri) && uri.GetString() is { } purl && purl.LastIndexOf('@') is > 0 and var at)
            {
                packages[name] = purl[(at + 1)..];
            }
        }
        Datasets = datasets;
        Stages = stages;
        Packages = packages;
        ReferenceSha256 = predicate.TryGetProperty("runDetails", out var runDetails) && runDetails.TryGetProperty("byproducts", out var byproducts)
            ? byproducts.EnumerateArray().Where(b => b.GetProperty("name").GetString() == ReferenceByproduct).Select(b => b.GetProperty("digest").GetProperty("sha256").GetString()).FirstOrDefault()
            : null;
        Metrics = predicate.GetProperty("reprobuild_metrics").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : (double?)null, StringComparer.Ordinal);
    }

    /// <summary>The provenance document, exactly as the build wrote it.</summary>
    public string Json { get; }

    /// <summary>The SHA-256 of the model the provenance describes (its in-toto subject).</summary>
    public string Sha256 { get; }

    /// <summary>The SHA-256 of every input that decided the model's bytes.</summary>
    public string Fingerprint { get; }

    /// <summary>BinaryClassification, MulticlassClassification or Regression.</summary>
    public string Task { get; }

    /// <summary>The ML.NET trainer's name, as the Model item gave it.</summary>
    public string Trainer { get; }

    /// <summary>The label column.</summary>
    public string Label { get; }

    /// <summary>For binary classification: the label value that counts as positive.</summary>
    public string? PositiveLabel { get; }

    /// <summary>The seed every random choice derived from.</summary>
    public int Seed { get; }

    /// <summary>The feature columns the Model item named; empty when it named none (every column but the label and <see cref="Ignore"/>).</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The columns the Model item left out.</summary>
    public IReadOnlyList<string> Ignore { get; }

    /// <summary>The trainer parameters set on the Model item.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The datasets the model was trained and evaluated on.</summary>
    public IReadOnlyList<DatasetDigest> Datasets { get; }

    /// <summary>The pipeline stages its data came from, upstream first (empty when the data is a plain file).</summary>
    public IReadOnlyList<StageProvenance> Stages { get; }

    /// <summary>Package versions the model was built with (ReproBuild, Microsoft.ML, the trainer's package).</summary>
    public IReadOnlyDictionary<string, string> Packages { get; }

    /// <summary>The SHA-256 of the model's drift reference (the SLSA byproduct <c>reference.json</c>); null for a model built before references existed.</summary>
    public string? ReferenceSha256 { get; }

    /// <summary>The byproduct name under which the provenance records the drift reference's digest.</summary>
    internal const string ReferenceByproduct = "reference.json";

    /// <summary>The evaluation metrics, by ML.NET metric name; null where the metric is undefined for the data.</summary>
    public IReadOnlyDictionary<string, double?> Metrics { get; }

    /// <summary>Reads a provenance document.</summary>
    public static ModelProvenance Parse(string json) => new(json);

    private static string[] Names(JsonElement external, string property) =>
        external.TryGetProperty(property, out var names) ? [.. names.EnumerateArray().Select(n => n.GetString()!)] : [];
}

/// <summary>A dataset a model depends on.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Role"><c>train</c> or <c>test</c>.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="SchemaSha256">The SHA-256 of the Table Schema (or data package) the data was validated and read with; null without one.</param>
/// <param name="Stage">The pipeline stage that wrote the file, when one did.</param>
public sealed record DatasetDigest(string Name, string Role, string Sha256, long Rows, long Size, string? SchemaSha256 = null, string? Stage = null);

/// <summary>A pipeline stage in a model's lineage: the user's program that made (part of) its data.</summary>
/// <param name="Name">The stage's name.</param>
/// <param name="Kind"><c>project</c> (a .NET program the build compiled) or <c>command</c>.</param>
/// <param name="Program">The stage's project (relative to the model's project) or its command line.</param>
/// <param name="CodeDigest">SHA-256 over the stage's code: its compiled program, or its command's Code files.</param>
/// <param name="Parameters">The parameters it was given.</param>
/// <param name="Seed">The seed it was given.</param>
/// <param name="Inputs">The files it read (paths relative to the model's project) with their SHA-256 and, for files another stage wrote, that stage.</param>
/// <param name="Outputs">The files it wrote with their SHA-256.</param>
public sealed record StageProvenance(
    string Name,
    string Kind,
    string Program,
    string CodeDigest,
    IReadOnlyDictionary<string, string> Parameters,
    int Seed,
    IReadOnlyList<StageFileDigest> Inputs,
    IReadOnlyList<StageFileDigest> Outputs)
{
    internal static StageProvenance From(string name, JsonElement dependency)
    {
        var annotations = dependency.GetProperty("annotations");
        return new StageProvenance(
            name,
            annotations.GetProperty("kind").GetString()!,
            annotations.GetProperty("program").GetString()!,
            dependency.GetProperty("digest").GetProperty("sha256").GetString()!,
            annotations.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            annotations.GetProperty("seed").GetInt32(),
            [.. annotations.GetProperty("inputs").EnumerateArray().Select(StageFileDigest.From)],
            [.. annotations.GetProperty("outputs").EnumerateArray().Select(StageFileDigest.From)]);
    }
}

/// <summary>A file a pipeline stage read or wrote.</summary>
/// <param name="Path">Relative to the model's project, '/' separators.</param>
/// <param name="Sha256">The SHA-256 of its bytes.</param>
/// <param name="Stage">For a file a stage read: the stage that wrote it, when one did.</param>
public sealed record StageFileDigest(string Path, string Sha256, string? Stage = null)
{
    internal static StageFileDigest From(JsonElement file) =>
        new(file.GetProperty("path").GetString()!, file.GetProperty("sha256").GetString()!, file.TryGetProperty("stage", out var stage) ? stage.GetString() : null);
}
