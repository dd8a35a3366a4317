using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReproBuild.Runtime;

// The models were trained by `dotnet build` of the model project and embedded in its assembly with their SHA-256;
// EmbeddedModel.Load refuses a model whose bytes do not match it. The build also generates a typed API per model
// (namespace <model project>.Models: <Model>Model.Predict, <Model>Input, <Model>Prediction); this program reads any model.
var assembly = typeof(Cancer.ModelsMarker).Assembly;
var data = Path.Combine(AppContext.BaseDirectory, "data");

foreach (var name in EmbeddedModel.Names(assembly))
{
    var model = EmbeddedModel.Load(assembly, name);
    var provenance = model.Provenance;
    Console.WriteLine($"{model.Name} {model.Version}  sha256 {model.Sha256[..16]}…");
    Console.WriteLine($"  {provenance.Task} with {provenance.Trainer}, seed {provenance.Seed}, parameters: {Describe(provenance.Parameters)}");
    foreach (var dataset in provenance.Datasets)
    {
        Console.WriteLine($"  {dataset.Role} data: {dataset.Name} ({dataset.Rows} rows, sha256 {dataset.Sha256[..16]}…)");
    }
    Console.WriteLine($"  packages: {Describe(provenance.Packages)}");
    Console.WriteLine($"  metrics: {string.Join(", ", model.Metrics.Select(m => $"{m.Key} {m.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a"}"))}");

    var rows = model.Predict(model.LoadCsv(Path.Combine(data, provenance.Datasets[0].Name + ".csv")));
    var predictions = provenance.Task switch
    {
        "BinaryClassification" => rows.GetColumn<bool>("PredictedLabel").Zip(rows.GetColumn<float>("Probability"), (label, p) => $"{(label ? provenance.PositiveLabel : "not " + provenance.PositiveLabel)} (p={p:0.000})"),
        "MulticlassClassification" => rows.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(label => label.ToString()),
        _ => rows.GetColumn<float>("Score").Select(score => score.ToString("0.0", CultureInfo.InvariantCulture)),
    };
    Console.WriteLine($"  first rows: {string.Join("; ", predictions.Take(3))}");
    Console.WriteLine();
}

static string Describe(IReadOnlyDictionary<string, string> values) =>
    values.Count == 0 ? "defaults" : string.Join(", ", values.Select(pair => $"{pair.Key}={pair.Value}"));
