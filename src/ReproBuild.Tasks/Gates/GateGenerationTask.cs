using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.Gates;

/// <summary>
/// What the metric-gate and drift-gate generators share: the gate items and the models of the referenced projects in,
/// the generated test file and the gates' data files out, and the checks every gate needs — a model that exists, a
/// data file that exists — reported at the gate's element.
/// </summary>
public abstract class GateGenerationTask : ReproBuildTask, IIncrementalTask
{
    /// <summary>The test project's gate items (<c>MetricGate</c> or <c>DriftGate</c>).</summary>
    [Required]
    public ITaskItem[] Gates { get; set; } = [];

    /// <summary>The models of the referenced projects, as their <c>ReproBuildGetModels</c> target describes them.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The namespace of the generated test class.</summary>
    public string RootNamespace { get; set; } = "";

    /// <summary>The C# file to write; rewritten only when its content changes.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The gates' data files, to copy into the output folder (TargetPath <c>reprobuild-gates/&lt;file&gt;</c>), where the tests read them.</summary>
    [Output]
    public ITaskItem[] GateDatasets { get; private set; } = [];

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    /// <summary>The referenced projects' models by name.</summary>
    private protected Dictionary<string, ITaskItem> ModelsByName() =>
        Models.GroupBy(m => m.ItemSpec, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The model a gate names; null after reporting RB5001.</summary>
    private protected static ITaskItem? FindModel(ITaskItem gate, string itemType, Dictionary<string, ITaskItem> models, Action<string, string> error)
    {
        if (models.TryGetValue(ItemNames.Normalize(gate.ItemSpec), out var model))
        {
            return model;
        }
        error(ErrorCodes.UnknownGateModel, models.Count == 0
            ? $"{itemType} '{gate.ItemSpec}': this project references no project that builds ReproBuild models; add a ProjectReference to the model project."
            : $"{itemType} '{gate.ItemSpec}': no referenced project builds a model of that name; models: {string.Join(", ", models.Keys.Order(StringComparer.Ordinal))}.");
        return null;
    }

    /// <summary>A gate's data file, relative to the project: its file name, with a copy beside the tests added to <paramref name="copies"/>; null after reporting RB5005.</summary>
    private protected string? CopyDataset(ITaskItem gate, string itemType, string datasetText, List<ITaskItem> copies, Action<string, string> error)
    {
        var datasetFile = Path.GetFullPath(datasetText, Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
        if (!File.Exists(datasetFile))
        {
            error(ErrorCodes.GateDatasetNotFound, $"{itemType} '{gate.ItemSpec}': the Dataset file '{datasetFile}' does not exist.");
            return null;
        }
        var dataset = Path.GetFileName(datasetFile);
        var copy = new TaskItem(datasetFile);
        copy.SetMetadata("TargetPath", Path.Combine(Gate.DatasetFolder, dataset));
        copy.SetMetadata("CopyToOutputDirectory", "PreserveNewest");
        copies.Add(copy);
        return dataset;
    }

    /// <summary>Writes the generated tests when they changed (under <c>-question</c>, reports that they would be).</summary>
    /// <param name="what">The gates, for the message: "metric gate".</param>
    private protected bool WriteTests(string code, List<ITaskItem> copies, string what)
    {
        GateDatasets = [.. copies.DistinctBy(d => d.ItemSpec, StringComparer.Ordinal)];
        if (AtomicFile.WriteAllTextIfChanged(OutputFile, code, dryRun: FailIfNotIncremental) && FailIfNotIncremental)
        {
            Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, $"The {what} tests are out of date and would be regenerated.");
            return false;
        }
        return true;
    }
}
