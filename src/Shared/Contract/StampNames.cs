namespace ReproBuild;

/// <summary>
/// The names under which a build stamps models into an assembly. They are public contract (docs/design.md):
/// the build writes them and ReproBuild.Runtime reads them, so both compile this one file.
/// </summary>
internal static class StampNames
{
    public static string ModelResource(string model) => $"ReproBuild/{model}.zip";

    public static string ProvenanceResource(string model) => $"ReproBuild/{model}.provenance.json";

    /// <summary>The Table Schema the model's training data was validated and read with, as its bytes: the inputs a served model checks.</summary>
    public static string SchemaResource(string model) => $"ReproBuild/{model}.schema.json";

    /// <summary>The drift reference: what each input column looked like in the model's training rows; its SHA-256 is in the provenance.</summary>
    public static string ReferenceResource(string model) => $"ReproBuild/{model}.reference.json";

    public static string ModelSha256(string model) => $"ReproBuild.{model}.Sha256";

    public static string ModelVersion(string model) => $"ReproBuild.{model}.Version";

    public static string ModelMetricPrefix(string model) => $"ReproBuild.{model}.Metric.";

    public static string DatasetSha256(string dataset) => $"ReproBuild.Dataset.{dataset}.Sha256";
}
