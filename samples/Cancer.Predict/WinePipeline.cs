using System.Globalization;
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

    /// <summary>The stages that made the training data, upstream first, as the model's own provenance records them.</summary>
    private static void PrintLineage(EmbeddedModel model)
    {
        Console.WriteLine("  lineage:");
        foreach (var stage in model.Provenance.Stages)
        {
            var settings = stage.Parameters.Select(p => $"{p.Key}={p.Value}").Prepend($"seed {stage.Seed}");
            Console.WriteLine($"    {stage.Name}: {stage.Kind} '{stage.Program}' ({string.Join(", ", settings)}; code {stage.CodeDigest[..12]}…)");
            Console.WriteLine($"      read  {Files(stage.Inputs)}");
            Console.WriteLine($"      wrote {Files(stage.Outputs)}");
        }
    }

    private static string Files(IEnumerable<StageFileDigest> files) =>
        string.Join(", ", files.Select(file => $"{file.Path} ({file.Sha256[..12]}…)"));
}

