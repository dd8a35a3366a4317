using System.Globalization;
using Cancer.Models;
using Names.Models;
using ReproBuild.Runtime;

// `dotnet build` of ../Cancer, ../Names and ../Wine trained the models, embedded them in their assemblies with their SHA-256,
// and generated a typed API for each from the same data: Cancer.Models.CancerModel.Predict(CancerInput) and so on. The first call loads the
// model and refuses it if its bytes do not match the stamped digest.
var data = Path.Combine(AppContext.BaseDirectory, "data");

Describe(CancerModel.Model);
foreach (var tumour in CancerModel.Predict(Rows<CancerInput>(CancerModel.Model, "cancer.csv")))
{
    Console.WriteLine($"  {tumour.PredictedLabel} (p(malignant)={tumour.Probability:0.000})");
}

Describe(IrisModel.Model);
var flower = new IrisInput { SepalLength = 6.3f, SepalWidth = 2.9f, PetalLength = 5.6f, PetalWidth = 1.8f };
var iris = IrisModel.Predict(flower);
Console.WriteLine($"  6.3/2.9/5.6/1.8 cm: {iris.PredictedLabel} ({string.Join(", ", iris.Scores.Select(s => $"{s.Key} {s.Value:0.000}"))})");

Describe(DiabetesModel.Model);
foreach (var patient in DiabetesModel.Predict(Rows<DiabetesInput>(DiabetesModel.Model, "diabetes.csv")))
{
    Console.WriteLine($"  progression {patient.Score.ToString("0.0", CultureInfo.InvariantCulture)}");
}

// ../Names: two models of one question, the built-in text featuriser (TextFeatures="name") and a custom pipeline (../Names.Pipelines).
Describe(NamesModel.Model);
Describe(NameCharactersModel.Model);
foreach (var name in new[] { "Anna", "Oliver", "Marguerite", "Bartholomew" })
{
    var builtIn = NamesModel.Predict(new NamesInput { Name = name });
    var custom = NameCharactersModel.Predict(new NameCharactersInput { Name = name });
    Console.WriteLine($"  {name}: {builtIn.PredictedLabel} (p(female)={builtIn.Probability:0.00}) / {custom.PredictedLabel} (p(female)={custom.Probability:0.00})");
}

// ../Wine: a model trained on the output of a pipeline of two stages (a C# project and a Python script).
WinePipeline.Print();

// The first three rows of a shipped data file, read into a model's typed input class.
IEnumerable<T> Rows<T>(EmbeddedModel model, string file) where T : class, new() =>
    model.Context.Data.CreateEnumerable<T>(model.LoadCsv(Path.Combine(data, file)), reuseRowObject: false).Take(3);

static void Describe(EmbeddedModel model)
{
    var provenance = model.Provenance;
    Console.WriteLine();
    Console.WriteLine($"{model.Name} {model.Version}  sha256 {model.Sha256[..16]}…");
    Console.WriteLine($"  {provenance.Task} with {provenance.Trainer}, seed {provenance.Seed}, parameters: {(provenance.Parameters.Count == 0 ? "defaults" : string.Join(", ", provenance.Parameters.Select(p => $"{p.Key}={p.Value}")))}");
    foreach (var dataset in provenance.Datasets)
    {
        Console.WriteLine($"  {dataset.Role} data: {dataset.Name} ({dataset.Rows} rows, sha256 {dataset.Sha256[..16]}…)");
    }
    Console.WriteLine($"  metrics: {string.Join(", ", model.Metrics.Select(m => $"{m.Key} {m.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a"}"))}");
}
