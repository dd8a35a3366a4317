using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.NoOp;

namespace ReproBuild.Tasks;

/// <summary>
/// Turns what training left in obj/ into build items: the files to copy to <c>$(OutDir)models/</c>, the
/// resources to embed under their fixed logical names, and the <c>AssemblyMetadata</c> stamps. It only reads
/// small JSON files, so it also runs in design-time builds and when another project asks for our output items; when
/// none of them changed since it last ran (an <see cref="InputStamp"/>), it returns what it returned then.
/// </summary>
public sealed class CollectOutputs : ReproBuildTask
{
    /// <summary>Under <see cref="IntermediateDirectory"/>: what this step read and returned, so an unchanged build skips it.</summary>
    internal const string StampFile = "outputs.stamp";

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project's <c>Dataset</c> items.</summary>
    public ITaskItem[] Datasets { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The version of a model that sets none: the project's <c>Version</c>.</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>Model, provenance, metrics and evaluation files, with TargetPath <c>models/&lt;Model&gt;.*</c>.</summary>
    [Output]
    public ITaskItem[] OutputFiles { get; private set; } = [];

    /// <summary>Model, provenance, drift reference and (when the training data had a Table Schema file) schema files with LogicalName <c>ReproBuild/&lt;Model&gt;.*</c>.</summary>
    [Output]
    public ITaskItem[] EmbeddedResources { get; private set; } = [];

    /// <summary><c>AssemblyAttribute</c> items for <c>System.Reflection.AssemblyMetadataAttribute</c>, sorted by key.</summary>
    [Output]
    public ITaskItem[] AssemblyMetadata { get; private set; } = [];

    private protected override bool Run()
    {
        var layout = new IntermediateLayout(IntermediateDirectory);
        // Item problems are reported by the pipeline's own checks; design-time builds must not report them at all.
        var datasets = Datasets.Select(item => DatasetItem.Parse(item, ItemProblems.Silent)).OfType<DatasetItem>().ToList();

        // What this step reads: each model's folder, each dataset's summary and schema. Stamped before reading, so a
        // file written meanwhile makes the stamp stale rather than vouching for content this step did not see.
        var stampFile = Path.Combine(IntermediateDirectory, StampFile);
        var key = InputStamp.KeyOf([DefaultVersion], Models, Datasets);
        if (InputStamp.Holds(stampFile, key, out var stamp))
        {
            OutputFiles = StampedItems.Read(stamp!.Payload, nameof(OutputFiles));
            EmbeddedResources = StampedItems.Read(stamp.Payload, nameof(EmbeddedResources));
            AssemblyMetadata = StampedItems.Read(stamp.Payload, nameof(AssemblyMetadata));
            return true;
        }
        var read = InputStamp.Of(key, [
            .. Models.SelectMany(item => InputStamp.FolderAndContents(layout.ModelOutputDirectory(ModelItem.NameOf(item)))),
            .. datasets.Select(dataset => layout.DatasetSummaryFile(dataset.Name)),
            .. datasets.Where(dataset => dataset.SchemaFile is not null).Select(dataset => dataset.SchemaFile!)]);

        var schemas = datasets
            .Where(dataset => dataset.SchemaFile is not null && string.IsNullOrEmpty(dataset.SchemaResource))
            .GroupBy(dataset => dataset.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().SchemaFile!, StringComparer.Ordinal);
        var files = new List<ITaskItem>();
        var resources = new List<ITaskItem>();
        var stamps = new SortedDictionary<string, string>(StringComparer.Ordinal);

        foreach (var item in Models)
        {
            var model = ModelItem.NameOf(item);
            var resultFile = layout.ModelOutputFile(model, ModelOutputFiles.Result);
            if (!File.Exists(resultFile))
            {
                continue;
            }
            var result = ReproJson.Read<ModelResult>(resultFile);
            var (version, embed) = ModelItem.ReadStamping(item, DefaultVersion);

            // Evaluation plot data is missing for models trained before the reprobuild tool's report existed.
            foreach (var (file, copyName) in ModelOutputs.Copies(model).Where(copy => File.Exists(layout.ModelOutputFile(model, copy.File))))
            {
                files.Add(OutputFile(layout.ModelOutputFile(model, file), $"models/{copyName}"));
            }
            if (embed)
            {
                resources.Add(Resource(layout.ModelOutputFile(model, ModelOutputFiles.Model), StampNames.ModelResource(model)));
                resources.Add(Resource(layout.ModelOutputFile(model, ModelOutputFiles.Provenance), StampNames.ProvenanceResource(model)));
                // Models trained before drift references existed have none; ModelOutputCheck decides whether that is acceptable.
                if (File.Exists(layout.ModelOutputFile(model, ModelOutputFiles.Reference)))
                {
                    resources.Add(Resource(layout.ModelOutputFile(model, ModelOutputFiles.Reference), StampNames.ReferenceResource(model)));
                }
                if (TrainingSchema(layout.ModelOutputFile(model, ModelOutputFiles.Provenance), ModelItem.DatasetName(item, "Dataset"), schemas) is { } schema)
                {
                    resources.Add(Resource(schema, StampNames.SchemaResource(model)));
                }
            }
            stamps[StampNames.ModelSha256(model)] = result.Sha256;
            stamps[StampNames.ModelVersion(model)] = version;
            // A metric that could not be computed gets no stamp: a number there ("NaN" parses) would pass for a value.
            foreach (var (metric, value) in result.Metrics)
            {
                if (value is { } number)
                {
                    stamps[StampNames.ModelMetricPrefix(model) + metric] = number.ToString("R", CultureInfo.InvariantCulture);
                }
            }
        }

        foreach (var dataset in datasets)
        {
            if (File.Exists(layout.DatasetSummaryFile(dataset.Name)))
            {
                stamps[StampNames.DatasetSha256(dataset.Name)] = ReproJson.Read<DatasetSummary>(layout.DatasetSummaryFile(dataset.Name)).Sha256;
            }
        }

        OutputFiles = [.. files];
        EmbeddedResources = [.. resources];
        AssemblyMetadata = stamps.Select(stamp =>
        {
            var attribute = new TaskItem("System.Reflection.AssemblyMetadataAttribute");
            attribute.SetMetadata("_Parameter1", stamp.Key);
            attribute.SetMetadata("_Parameter2", stamp.Value);
            return (ITaskItem)attribute;
        }).ToArray();
        new InputStamp(read.Key, read.Files, [
            .. StampedItems.Lines(nameof(OutputFiles), OutputFiles),
            .. StampedItems.Lines(nameof(EmbeddedResources), EmbeddedResources),
            .. StampedItems.Lines(nameof(AssemblyMetadata), AssemblyMetadata)]).Write(stampFile);
        return true;
    }

    /// <summary>
    /// The Table Schema file the model's training data was read with, so that a served model checks its input by the
    /// same rules: only when it is a schema file of its own (a data package's resource is not embedded) and holds the
    /// bytes whose SHA-256 the provenance records, the digest ReproBuild.Runtime checks it against.
    /// </summary>
    private static string? TrainingSchema(string provenanceFile, string? dataset, Dictionary<string, string> schemas)
    {
        if (dataset is null || !schemas.TryGetValue(dataset, out var schemaFile) || !File.Exists(schemaFile) || !File.Exists(provenanceFile))
        {
            return null;
        }
        using var provenance = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(provenanceFile));
        var recorded = provenance.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies").EnumerateArray()
            .Where(dependency => dependency.GetProperty("name").GetString() == $"dataset:{dataset}")
            .Select(dependency => dependency.GetProperty("annotations").TryGetProperty("schemaSha256", out var sha) ? sha.GetString() : null)
            .FirstOrDefault();
        return recorded is not null && recorded == Sha256Digest.OfFile(schemaFile) ? schemaFile : null;
    }

    private static TaskItem OutputFile(string path, string targetPath)
    {
        var item = new TaskItem(path);
        item.SetMetadata("TargetPath", targetPath);
        // Not PreserveNewest: a copy edited by hand is newer than ours and would stay. IfDifferent copies whenever size
        // or time differ, so the output folder always holds the bytes that were stamped into the assembly.
        item.SetMetadata("CopyToOutputDirectory", "IfDifferent");
        item.SetMetadata("ReproBuildOutput", "true");
        return item;
    }

    private static TaskItem Resource(string path, string logicalName)
    {
        var item = new TaskItem(path);
        item.SetMetadata("LogicalName", logicalName);
        item.SetMetadata("WithCulture", "false");
        item.SetMetadata("Type", "Non-Resx");
        return item;
    }
}
