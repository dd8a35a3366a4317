using System.Globalization;
using System.Text.Json;
using Microsoft.ML.Data;
using ReproBuild.Runtime;

/// <summary>
/// The model of ../Wine, trained on the output of a pipeline: the raw file went through a C# stage and a Python stage
/// before the model saw it. Prints the model, the stages its data came from, and predictions for a few test rows.
/// </summary>
internal static class WinePipeline
{
    public static void Print()
    {
        var model = EmbeddedModel.Load(typeof(Wine.ModelsMarker).Assembly, "Wine");
        var provenance = model.Provenance;
        Console.WriteLine($"{model.Name} {model.Version}  sha256 {model.Sha256[..16]}…");
        Console.WriteLine($"  {provenance.Task} with {provenance.Trainer}, seed {provenance.Seed}");
        foreach (var dataset in provenance.Datasets)
        {
            Console.WriteLine($"  {dataset.Role} data: {dataset.Name} ({dataset.Rows} rows, sha256 {dataset.Sha256[..16]}…)");
        }
        PrintLineage(model);
        Console.WriteLine($"  metrics: {string.Join(", ", model.Metrics.Select(m => $"{m.Key} {m.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "n/a"}"))}");

        var rows = model.Predict(model.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "wine", "test.features.csv")));
        var predicted = rows.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(label => label.ToString());
        var actual = rows.GetColumn<ReadOnlyMemory<char>>(provenance.Label).Select(label => label.ToString());
        Console.WriteLine($"  first test rows: {string.Join("; ", predicted.Zip(actual, (p, a) => $"{p} (is {a})").Take(3))}");
        Console.WriteLine();
    }

    /// <summary>
    /// The stages that made the training data, upstream first, as the model's entry in ../Wine/repro.lock.json records
    /// them. That entry is read only when its SHA-256 is the embedded model's, so it describes this very model.
    /// </summary>
    private static void PrintLineage(EmbeddedModel model)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "wine", "repro.lock.json")));
        var entry = lockFile.RootElement.GetProperty("models").GetProperty(model.Name);
        if (entry.GetProperty("sha256").GetString() != model.Sha256)
        {
            Console.WriteLine($"  lineage: unknown (repro.lock.json describes another build of {model.Name}, sha256 {entry.GetProperty("sha256").GetString()![..16]}…)");
            return;
        }
        Console.WriteLine("  lineage (repro.lock.json):");
        foreach (var stage in entry.GetProperty("inputs").GetProperty("dataset").GetProperty("lineage").EnumerateArray())
        {
            var settings = stage.GetProperty("parameters").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")
                .Prepend($"seed {stage.GetProperty("seed").GetInt32()}");
            Console.WriteLine($"    {stage.GetProperty("name").GetString()}: {stage.GetProperty("kind").GetString()} '{stage.GetProperty("program").GetString()}' ({string.Join(", ", settings)}; code {Short(stage, "codeDigest")})");
            Console.WriteLine($"      read  {Files(stage.GetProperty("inputs"))}");
            Console.WriteLine($"      wrote {Files(stage.GetProperty("outputs"))}");
        }
    }

    private static string Files(JsonElement files) =>
        string.Join(", ", files.EnumerateArray().Select(file => $"{file.GetProperty("path").GetString()} ({Short(file, "sha256")})"));

    private static string Short(JsonElement element, string property) => element.GetProperty(property).GetString()![..12] + "…";
}
