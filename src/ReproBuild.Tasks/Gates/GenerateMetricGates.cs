using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the test project's <c>MetricGate</c> items against the models its referenced projects build, and
/// writes one MSTest test per gate. A gate that names an unknown model or metric, or has no bound, is an RB5xxx
/// error at its line in the project file — never a test that silently passes.
/// </summary>
public sealed class GenerateMetricGates : ReproBuildTask, IIncrementalTask
{
    // What tells two gates on the same model apart when finding their line.
    private static readonly string[] GateMetadata = ["Metric", "Minimum", "Maximum", "MaxDrop", "MaxRise", "Dataset"];

    /// <summary>The test project's <c>MetricGate</c> items.</summary>
    [Required]
    public ITaskItem[] Gates { get; set; } = [];

    /// <summary>The models of the referenced projects, as their <c>ReproBuildGetModels</c> target describes them.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The namespace of the generated test class.</summary>
    public string RootNamespace { get; set; } = "";

    /// <summary>The C# file to write; rewritten only when its content changes.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The gates' datasets, to copy into the output folder (TargetPath <c>reprobuild-gates/&lt;file&gt;</c>), where the tests read them.</summary>
    [Output]
    public ITaskItem[] GateDatasets { get; private set; } = [];

    /// <summary>Set by <c>dotnet build -question</c>: report, instead of doing, any write.</summary>
    public bool FailIfNotIncremental { get; set; }

    private protected override bool Run()
    {
        var locator = new ItemLocator(ProjectFile, "MetricGate");
        var models = Models.GroupBy(m => m.ItemSpec, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var baselines = new Dictionary<string, Baseline?>(StringComparer.Ordinal);
        var gates = new List<Gate>();
        var datasets = new List<ITaskItem>();

        foreach (var item in Gates)
        {
            var metric = item.GetMetadata("Metric").Trim();
            var modelName = ItemNames.Normalize(item.ItemSpec);
            var (line, column) = locator.Find(item.ItemSpec, [.. GateMetadata.Select(name => (name, item.GetMetadata(name)))]);
            void Error(string code, string message) => Log.LogError(null, code, null, ProjectFile, line, column, 0, 0, message);

            if (!models.TryGetValue(modelName, out var model))
            {
                Error(ErrorCodes.UnknownGateModel, models.Count == 0
                    ? $"MetricGate '{item.ItemSpec}': this project references no project that builds ReproBuild models; add a ProjectReference to the model project."
                    : $"MetricGate '{item.ItemSpec}': no referenced project builds a model of that name; models: {string.Join(", ", models.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }
            string? dataset = null;
            if (item.GetMetadata("Dataset").Trim() is { Length: > 0 } datasetText)
            {
                var datasetFile = Path.GetFullPath(datasetText, Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
                if (!File.Exists(datasetFile))
                {
                    Error(ErrorCodes.GateDatasetNotFound, $"MetricGate '{item.ItemSpec}': the Dataset file '{datasetFile}' does not exist.");
                    continue;
                }
                dataset = Path.GetFileName(datasetFile);
                var copy = new TaskItem(datasetFile);
                copy.SetMetadata("TargetPath", Path.Combine(Gate.DatasetFolder, dataset));
                copy.SetMetadata("CopyToOutputDirectory", "PreserveNewest");
                datasets.Add(copy);
            }
            var task = model.GetMetadata("Task");
            var recorded = model.GetMetadata("Metrics").Split(';', StringSplitOptions.RemoveEmptyEntries);
            var valid = recorded.Length > 0 ? recorded : Catalog.Metrics.GetValueOrDefault(task) ?? [];
            if (!valid.Contains(metric, StringComparer.Ordinal))
            {
                Error(ErrorCodes.UnknownGateMetric, $"MetricGate '{item.ItemSpec}': model '{item.ItemSpec}' ({task}) has no metric '{metric}'; its metrics: {string.Join(", ", valid)}.");
                continue;
            }

            var bounds = new Dictionary<string, double?>(StringComparer.Ordinal);
            var parsed = true;
            foreach (var name in new[] { "Minimum", "Maximum", "MaxDrop", "MaxRise" })
            {
                var text = item.GetMetadata(name).Trim();
                if (text.Length == 0)
                {
                    bounds[name] = null;
                }
                else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                    && (value >= 0 || name is "Minimum" or "Maximum"))
                {
                    bounds[name] = value;
                }
                else
                {
                    Error(ErrorCodes.InvalidGateBound, $"MetricGate '{item.ItemSpec}': {name} '{text}' is not {(name is "Minimum" or "Maximum" ? "a number" : "a number of 0 or more")}.");
                    parsed = false;
                }
            }
            if (!parsed)
            {
                continue;
            }
            if (bounds.Values.All(b => b is null))
            {
                Error(ErrorCodes.GateWithoutBound, $"MetricGate '{item.ItemSpec}' on {metric} has no bound; set Minimum, Maximum, MaxDrop or MaxRise.");
                continue;
            }

            double? baseline = null;
            string? source = null;
            if (bounds["MaxDrop"] is not null || bounds["MaxRise"] is not null)
            {
                var lockFile = model.GetMetadata("LockFile");
                if (!baselines.TryGetValue(lockFile, out var lockBaseline))
                {
                    baselines[lockFile] = lockBaseline = Baseline.Read(lockFile);
                }
                baseline = lockBaseline?.Metric(modelName, metric);
                source = lockBaseline?.Source ?? Path.GetFileName(lockFile);
            }

            gates.Add(new Gate(model.GetMetadata("AssemblyName"), modelName, metric, bounds["Minimum"], bounds["Maximum"], bounds["MaxDrop"], bounds["MaxRise"], baseline, source, dataset));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }
        GateDatasets = [.. datasets.DistinctBy(d => d.ItemSpec, StringComparer.Ordinal)];
        var code = GateCode.Generate(RootNamespace, gates);
        if (AtomicFile.WriteAllTextIfChanged(OutputFile, code, dryRun: FailIfNotIncremental) && FailIfNotIncremental)
        {
            Log.LogError(null, ErrorCodes.NotUpToDate, null, ProjectFile, 0, 0, 0, 0, "The metric gate tests are out of date and would be regenerated.");
            return false;
        }
        return true;
    }
}
