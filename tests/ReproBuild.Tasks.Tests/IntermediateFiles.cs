using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// What the build's earlier steps leave under obj/, written small and by hand for the task under test to read:
/// dataset summaries (the engine's inspection), model inputs documents (ComputeModelFingerprints), a trained
/// model's folder (the engine's training), and the items that point at them. It stays in this project because it
/// writes the protocol's internal types, which ReproBuild.Tasks shows to this project only.
/// </summary>
internal static class IntermediateFiles
{
    /// <summary>A dataset summary as inspection writes it, comma-separated with a header; returns <paramref name="file"/>.</summary>
    public static string DatasetSummary(string file, string name, string sha256, long size = 100, long rows = 10, params ColumnSummary[] columns)
    {
        Write(file, ReproJson.Serialize(new DatasetSummary(name, sha256, size, rows, ',', true, columns)));
        return file;
    }

    /// <summary>A dataset item as HashDatasets returns it (its input file is its identity), with the summary inspection wrote.</summary>
    public static TaskItem InspectedDataset(IntermediateLayout layout, string name, string sha256, long rows = 10, params ColumnSummary[] columns)
    {
        var item = new TaskItem(layout.DatasetInputFile(name));
        item.SetMetadata("Name", name);
        item.SetMetadata("SummaryFile", DatasetSummary(layout.DatasetSummaryFile(name), name, sha256, rows: rows, columns: columns));
        return item;
    }

    /// <summary>The inputs of a FastTree binary classifier of <c>label</c>, testing on a fifth of its dataset.</summary>
    public static ModelInputs Inputs(string model, DatasetReference dataset, int seed = 0, SortedDictionary<string, string>? parameters = null) =>
        new(model, Catalog.BinaryClassification, "label", null, [], [], "FastTree", parameters ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            seed, 0.2, dataset, null, "0.1.0", "5.0.1");

    /// <summary>
    /// A trained model's item as the training target passes it on: its inputs document is its identity, its
    /// folder under obj/ holds what training left (<see cref="TrainedModel"/>).
    /// </summary>
    public static TaskItem TrainedModelItem(IntermediateLayout layout, ModelInputs inputs, ModelResult result)
    {
        var inputsFile = layout.ModelInputsFile(inputs.Model);
        Write(inputsFile, ReproJson.Serialize(inputs));
        var item = new TaskItem(inputsFile);
        item.SetMetadata("Name", inputs.Model);
        item.SetMetadata("Fingerprint", result.Fingerprint);
        item.SetMetadata("Version", "1.0.0");
        item.SetMetadata("OutputDirectory", TrainedModel(layout.ModelOutputDirectory(inputs.Model), result));
        item.SetMetadata("ResultFile", layout.ModelOutputFile(inputs.Model, ModelOutputFiles.Result));
        return item;
    }

    /// <summary>
    /// What a successful training leaves in a model's obj/ folder, small: a result, a provenance statement with the
    /// result's fingerprint, model digest and drift reference digest (what <see cref="ModelOutputCheck"/> reads), model bytes, metrics and the reference.
    /// </summary>
    public static string TrainedModel(string directory, ModelResult result, string modelBytes = "zip")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Model), modelBytes);
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Metrics), "{}");
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Result), ReproJson.Serialize(result));
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Reference), Reference);
        File.WriteAllText(Path.Combine(directory, ModelOutputFiles.Provenance), Provenance(result.Fingerprint, result.Sha256));
        return directory;
    }

    /// <summary>The result of training <paramref name="model"/> with FastTree on 80 rows, tested on 20, from columns x and y.</summary>
    public static ModelResult Result(string model, string sha256, string fingerprint = "f00d", string task = Catalog.BinaryClassification, params (string Name, double? Value)[] metrics) =>
        new(model, fingerprint, sha256, task, "FastTree", 80, 20,
            new SortedDictionary<string, double?>(metrics.ToDictionary(m => m.Name, m => m.Value), StringComparer.Ordinal),
            [new ModelColumn("x", ColumnSummary.Number), new ModelColumn("y", ColumnSummary.Number)],
            task == Catalog.BinaryClassification ? ["no", "yes"] : null);

    /// <summary>A result for <paramref name="modelBytes"/> whose SHA-256 is the real digest, as the cache checks it.</summary>
    public static ModelResult ResultFor(string model, string fingerprint, string modelBytes) =>
        Result(model, Sha256Digest.Of(Encoding.UTF8.GetBytes(modelBytes)), fingerprint);

    /// <summary>A drift reference's bytes, as <see cref="Provenance"/> records their digest.</summary>
    public const string Reference = """{"version":1,"model":"Churn","rows":80,"columns":[]}""";

    public static string Provenance(string fingerprint, string sha256) => new JsonObject
    {
        ["subject"] = new JsonArray { new JsonObject { ["digest"] = new JsonObject { ["sha256"] = sha256 } } },
        ["predicate"] = new JsonObject
        {
            ["buildDefinition"] = new JsonObject { ["internalParameters"] = new JsonObject { ["fingerprint"] = fingerprint } },
            ["runDetails"] = new JsonObject
            {
                ["byproducts"] = new JsonArray { new JsonObject { ["name"] = ModelOutputFiles.Reference, ["digest"] = new JsonObject { ["sha256"] = Sha256Digest.Of(Encoding.UTF8.GetBytes(Reference)) } } },
            },
        },
    }.ToJsonString();

    private static void Write(string file, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }
}
