using Microsoft.Build.Framework;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Code;
using ReproBuild.Tasks.NoOp;

namespace ReproBuild.Tasks;

/// <summary>
/// Writes the typed prediction API of the project's models (<see cref="TypedApiCode"/>) before the compiler runs. It
/// reads only what training left in obj/ — each model's result and inputs, its dataset's summary — so it also runs in
/// design-time builds, where the IDE sees the classes as soon as a build has trained the models. A model that has not
/// been trained yet has no API until it is. The file is rewritten only when its text changes, and nothing is read when
/// none of those files changed since the last time (an <see cref="InputStamp"/>).
/// </summary>
public sealed class GenerateTypedApi : ReproBuildTask
{
    /// <summary>Under <see cref="IntermediateDirectory"/>: what this step read and wrote, so an unchanged build skips it.</summary>
    internal const string StampFile = "typed-api.stamp";

    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The version of a model that sets none: the project's <c>Version</c>.</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>The namespace of the generated classes (<c>$(ReproBuildTypedApiNamespace)</c>).</summary>
    [Required]
    public string Namespace { get; set; } = "";

    /// <summary>The C# file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    private protected override bool Run()
    {
        var layout = new IntermediateLayout(IntermediateDirectory);
        // What this step reads (each model's folder and inputs, the dataset summaries) and writes, stamped before reading.
        var stampFile = Path.Combine(IntermediateDirectory, StampFile);
        var key = InputStamp.KeyOf([DefaultVersion, Namespace, OutputFile], Models);
        if (InputStamp.Holds(stampFile, key, out _))
        {
            return true;
        }
        var read = InputStamp.Of(key, [
            .. Models.SelectMany(item => InputStamp.FolderAndContents(layout.ModelOutputDirectory(ModelItem.NameOf(item)))),
            .. Models.Select(item => layout.ModelInputsFile(ModelItem.NameOf(item))),
            .. InputStamp.FolderAndContents(layout.DatasetsDirectory)]);
        var models = new List<TypedApiModel>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Models)
        {
            var name = ModelItem.NameOf(item);
            var resultFile = layout.ModelOutputFile(name, ModelOutputFiles.Result);
            var inputsFile = layout.ModelInputsFile(name);
            // Item problems are the pipeline's to report; a design-time build must report nothing.
            if (!ItemNames.IsModelName(name) || !seen.Add(name) || !File.Exists(resultFile) || !File.Exists(inputsFile))
            {
                continue;
            }
            var result = ReproJson.Read<ModelResult>(resultFile);
            if (result.InputColumns is null)
            {
                continue; // trained by a ReproBuild that did not record its input columns: it gets its API when it trains again
            }
            var inputs = ReproJson.Read<ModelInputs>(inputsFile);
            var summaryFile = layout.DatasetSummaryFile(inputs.Dataset.Name);
            var label = File.Exists(summaryFile) ? ReproJson.Read<DatasetSummary>(summaryFile).Columns.FirstOrDefault(c => c.Name == inputs.Label) : null;
            models.Add(new TypedApiModel(name, ModelItem.ReadStamping(item, DefaultVersion).Version, result, inputs, label?.Type == ColumnSummary.Number));
        }
        AtomicFile.WriteAllTextIfChanged(OutputFile, TypedApiCode.Generate(CSharpText.Namespace(Namespace), models));
        // The written file is part of the stamp too: deleted or edited, it is written again.
        new InputStamp(read.Key, [.. read.Files, (OutputFile, InputStamp.StampOf(OutputFile))]).Write(stampFile);
        return true;
    }
}
