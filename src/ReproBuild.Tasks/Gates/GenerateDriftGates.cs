using System.Globalization;
using Microsoft.Build.Framework;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks;

/// <summary>
/// Checks the test project's <c>DriftGate</c> items against the models its referenced projects build, and writes one
/// MSTest test per gate. A gate that names an unknown model or column, a missing file, or a setting that is not one,
/// is an RB5xxx error at its element in the project file — never a test that silently passes.
/// </summary>
public sealed class GenerateDriftGates : GateGenerationTask
{
    // What tells two gates on the same model apart when finding their element.
    private static readonly string[] GateMetadata = ["Dataset", "Method", "Threshold", "Columns", "MaxDriftShare"];

    private protected override bool Run()
    {
        var problems = new ItemProblems(Log, ProjectFile);
        var models = ModelsByName();
        var gates = new List<DriftGateSpec>();
        var datasets = new List<ITaskItem>();

        foreach (var item in Gates)
        {
            void Error(string code, string message) => problems.ErrorAtElement(item, "DriftGate", code, message, GateMetadata);
            var modelName = ItemNames.Normalize(item.ItemSpec);
            if (FindModel(item, "DriftGate", models, Error) is not { } model)
            {
                continue;
            }
            var datasetText = item.GetMetadata("Dataset").Trim();
            if (datasetText.Length == 0)
            {
                Error(ErrorCodes.DriftGateWithoutDataset, $"DriftGate '{item.ItemSpec}' has no Dataset: set it to the data file to compare with the model's training data.");
                continue;
            }
            var copies = new List<ITaskItem>();
            if (CopyDataset(item, "DriftGate", datasetText, copies, Error) is not { } dataset)
            {
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

            datasets.AddRange(copies);
            gates.Add(new DriftGateSpec(model.GetMetadata("AssemblyName"), modelName, dataset, method.Length > 0 ? method : null, threshold, columns, share ?? 0.5));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }
        return WriteTests(DriftGateCode.Generate(RootNamespace, gates), datasets, "drift gate");
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
