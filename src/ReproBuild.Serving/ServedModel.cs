using System.Text;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// A loaded, digest-checked model and what serving it needs: its input layout, a pool of scorers (one per concurrent
/// request), and its description and provenance as the bytes every listing answers with.
/// </summary>
internal sealed class ServedModel
{
    /// <param name="model">The loaded, digest-checked model.</param>
    /// <param name="reference">Its drift reference, digest-checked too; null for a model built before references existed.</param>
    /// <param name="driftWindowSize">How many recent input rows to compare with the reference.</param>
    public ServedModel(EmbeddedModel model, DriftReference? reference, int driftWindowSize)
    {
        Model = model;
        Layout = new RowLayout(model.Inputs);
        Drift = reference is null ? null : new ModelDrift(new DriftWindow(Layout, reference, driftWindowSize));
        Scorers = new DefaultObjectPool<ModelScorer>(new ScorerPolicy(this), Environment.ProcessorCount * 4);
        Provenance = Encoding.UTF8.GetBytes(model.Provenance.Json);
        Description = JsonSerializer.SerializeToUtf8Bytes(Describe(model), ServingJson.Options);
    }

    public EmbeddedModel Model { get; }

    public string Name => Model.Name;

    public string Sha256 => Model.Sha256;

    public RowLayout Layout { get; }

    public ObjectPool<ModelScorer> Scorers { get; }

    /// <summary>The recent inputs against the training reference; null when the model has no reference.</summary>
    public ModelDrift? Drift { get; }

    /// <summary>The provenance statement, exactly as the build wrote it.</summary>
    public byte[] Provenance { get; }

    /// <summary>The model's entry in <c>GET /models</c>, as JSON.</summary>
    public byte[] Description { get; }

    internal static ModelDescription Describe(EmbeddedModel model)
    {
        var provenance = model.Provenance;
        return new ModelDescription(
            model.Name,
            model.Version,
            model.Sha256,
            provenance.Task,
            provenance.Trainer,
            provenance.Label,
            provenance.PositiveLabel,
            provenance.Metrics,
            [.. provenance.Datasets.Select(d => new DatasetDescription(d.Name, d.Role, d.Sha256, d.Rows, d.SchemaSha256))],
            [.. model.Inputs.Fields.Select(f => new FieldDescription(f.Name, f.Type, f.Format, f.IsNumeric ? "number" : "string", f.Required))],
            model.Inputs.SchemaSha256 is not null);
    }

    private sealed class ScorerPolicy(ServedModel model) : IPooledObjectPolicy<ModelScorer>
    {
        public ModelScorer Create() => new(model.Model, model.Layout);

        public bool Return(ModelScorer obj) => true;
    }
}

/// <summary>A served model as <c>GET /models</c> lists it.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">Its SemVer version, as stamped.</param>
/// <param name="Sha256">The SHA-256 of the model's bytes, checked when it was loaded; every answer about it carries it in <c>X-Model-Sha256</c>.</param>
/// <param name="Task">BinaryClassification, MulticlassClassification or Regression.</param>
/// <param name="Trainer">The ML.NET trainer.</param>
/// <param name="Label">The label column.</param>
/// <param name="PositiveLabel">Binary classification: the label value <c>predictedLabel: true</c> stands for.</param>
/// <param name="Metrics">The evaluation metrics the build recorded.</param>
/// <param name="Datasets">The datasets it was trained and evaluated on, by digest.</param>
/// <param name="Inputs">The fields a row must give.</param>
/// <param name="SchemaChecked">The input is checked against the training data's Table Schema (constraints included), not only by type.</param>
public sealed record ModelDescription(
    string Name,
    string? Version,
    string Sha256,
    string Task,
    string Trainer,
    string Label,
    string? PositiveLabel,
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyList<DatasetDescription> Datasets,
    IReadOnlyList<FieldDescription> Inputs,
    bool SchemaChecked);

/// <summary>A dataset a served model depends on.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Role"><c>train</c> or <c>test</c>.</param>
/// <param name="Sha256">The SHA-256 of its bytes.</param>
/// <param name="Rows">Its data rows.</param>
/// <param name="SchemaSha256">The SHA-256 of its Table Schema, when it had one.</param>
public sealed record DatasetDescription(string Name, string Role, string Sha256, long Rows, string? SchemaSha256);

/// <summary>A field a row must give.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The Table Schema type (or the inferred one).</param>
/// <param name="Format">The Table Schema format.</param>
/// <param name="Json">The JSON value it takes: <c>number</c> or <c>string</c> (or null for a missing value).</param>
/// <param name="Required">A missing value is refused.</param>
public sealed record FieldDescription(string Name, string Type, string Format, string Json, bool Required);
