using System.Globalization;
using Microsoft.Build.Framework;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the test project's <c>DriftGate</c> items against the models its referenced projects build, and writes one
/// MSTest test per gate. A gate that names an unknown model or column, a missing file, or a setting that is not one,
/// is an RB5xxx error at its element in the project file — never a test that silently passes.
/// </summary>
public sealed class GenerateDriftGates : ReproBuildTask, IIncrementalTask
{
    // What tells two gates on the same model apart when finding their element.
    private static readonly string[] GateMetadata = ["Dataset", "Method", "Threshold", "Columns", "MaxDriftShare"];

    /// <summary>The test project's <c>DriftGate</c> items.</summary>
    [Required]
    public ITaskItem[] Gates { get; set; } = [];

    /// <summary>The models of the referenced projects, as their <c>ReproBuildGetModels</c> target describes them.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The namespace of the generated test class.</summary>
    public string RootNamespace { get; set; } = "";

    /// <summary>The C# file to write; rewritten only when its content changes.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The gates' current data files, to copy into the output folder (TargetPath <c>reprobuild-gates/&lt;file&gt;</c>).</summary>
    [Output]
    public ITaskItem[] GateDatasets { get; private set; } = [];

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var models = Models.GroupBy(m => m.ItemSpec, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var gates = new List<DriftGateSpec>();
        var datasets = new List<ITaskItem>();

        foreach (var item in Gates)
        {
            void Error(string code, string message) => problems.ErrorAtElement(item, "DriftGate", code, message, GateMetadata);
            var modelName = ItemNames.Normalize(item.ItemSpec);
            if (!models.TryGetValue(modelName, out var model))
            {
                Error(ErrorCodes.UnknownGateModel, models.Count == 0
                    ? $"DriftGate '{item.ItemSpec}': this project references no project that builds ReproBuild models; add a ProjectReference to the model project."
                    : $"DriftGate '{item.ItemSpec}': no referenced project builds a model of that name; models: {string.Join(", ", models.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }
            var datasetText = item.GetMetadata("Dataset").Trim();
            if (datasetText.Length == 0)
            {
                Error(ErrorCodes.DriftGateWithoutDataset, $"DriftGate '{item.ItemSpec}' has no Dataset: set it to the data file to compare with the model's training data.");
                continue;
            }
            var datasetFile = Path.GetFullPath(datasetText, Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
            if (!File.Exists(datasetFile))
            {
                Error(ErrorCodes.GateDatasetNotFound, $"DriftGate '{item.ItemSpec}': the Dataset file '{datasetFile}' does not exist.");
                continue;
            }

            var method = item.GetMetadata("Method").Trim().ToLowerInvariant();
            if (method.Length > 0 && !Catalog.DriftMethods.Contains(method, StringComparer.Ordinal))
            {
                Error(ErrorCodes.InvalidDriftSetting, $"DriftGate '{item.ItemSpec}': Method '{item.GetMetadata("Method").Trim()}' is not a drift method; methods: {string.Join(", ", Catalog.DriftMethods)}.");
                continue;
            }
            if (!TryNumber(item, "Threshold", minimum: 0, maximum: double.MaxValue, "a number of 0 or more", Error, out var threshold)
                || !TryNumber(item, "MaxDriftShare", minimum: double.Epsilon, maximum: 1, "a number above 0 and at most 1", Error, out var share))
            {
                continue;
            }
            var columns = item.GetMetadata("Columns").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
            // Before the model project's first build its columns are unknown; the test then reports an unknown column itself.
            var known = model.GetMetadata("Columns").Split(';', StringSplitOptions.RemoveEmptyEntries);
            var unknown = known.Length == 0 ? [] : columns.Where(c => !known.Contains(c, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0)
            {
                Error(ErrorCodes.UnknownDriftColumn,
                    $"DriftGate '{item.ItemSpec}': model '{modelName}' takes no column {string.Join(", ", unknown.Select(c => $"'{c}'"))}; its input columns: {string.Join(", ", known.Select(c => $"'{c}'"))}.");
                continue;
            }

            var dataset = Path.GetFileName(datasetFile);
            var copy = new Microsoft.Build.Utilities.TaskItem(datasetFile);
            copy.SetMetadata("TargetPath", Path.Combine(Gate.DatasetFolder, dataset));
            copy.SetMetadata("CopyToOutputDirectory", "PreserveNewest");
            datasets.Add(copy);
            gates.Add(new DriftGateSpec(model.GetMetadata("AssemblyName"), modelName, dataset, method.Length > 0 ? method : null, threshold, columns, share ?? 0.5));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }
        GateDatasets = [.. datasets.DistinctBy(d => d.ItemSpec, StringComparer.Ordinal)];
        var code = DriftGateCode.Generate(RootNamespace, gates);
        if (AtomicFile.WriteAllTextIfChanged(OutputFile, code, dryRun: FailIfNotIncremental) && FailIfNotIncremental)
        {
            Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, "The drift gate tests are out of date and would be regenerated.");
            return false;
        }
        return true;
    }

    private static bool TryNumber(ITaskItem item, string name, double minimum, double maximum, string expected, Action<string, string> error, out double? value)
    {
        value = null;
        var text = item.GetMetadata(name).Trim();
        if (text.Length == 0)
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && number >= minimum && number <= maximum)
        {
            value = number;
            return true;
        }
        error(ErrorCodes.InvalidDriftSetting, $"DriftGate '{item.ItemSpec}': {name} '{text}' is not {expected}.");
        return false;
    }
}
