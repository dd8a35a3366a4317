using System.Globalization;
using Microsoft.Build.Framework;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the test project's <c>MetricGate</c> items against the models its referenced projects build, and
/// writes one MSTest test per gate. A gate that names an unknown model or metric, or has no bound, is an RB5xxx
/// error at its line in the project file — never a test that silently passes.
/// </summary>
public sealed class GenerateMetricGates : GateGenerationTask
{
    // What tells two gates on the same model apart when finding their line.
    private static readonly string[] GateMetadata = ["Metric", "Minimum", "Maximum", "MaxDrop", "MaxRise", "Dataset"];

    private protected override bool Run()
    {
        var locator = new ItemLocator(ProjectFile, "MetricGate");
        var models = ModelsByName();
        var baselines = new Dictionary<string, Baseline?>(StringComparer.Ordinal);
        var gates = new List<Gate>();
        var datasets = new List<ITaskItem>();

        foreach (var item in Gates)
        {
            var metric = item.GetMetadata("Metric").Trim();
            var modelName = ItemNames.Normalize(item.ItemSpec);
            var (line, column) = locator.Find(item.ItemSpec, [.. GateMetadata.Select(name => (name, item.GetMetadata(name)))]);
            void Error(string code, string message) => Log.LogError(null, code, null, ProjectFile, line, column, 0, 0, message);

            if (FindModel(item, "MetricGate", models, Error) is not { } model)
            {
                continue;
            }
            string? dataset = null;
            if (item.GetMetadata("Dataset").Trim() is { Length: > 0 } datasetText && (dataset = CopyDataset(item, "MetricGate", datasetText, datasets, Error)) is null)
            {
                continue;
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
        return WriteTests(GateCode.Generate(RootNamespace, gates), datasets, "metric gate");
    }
}
