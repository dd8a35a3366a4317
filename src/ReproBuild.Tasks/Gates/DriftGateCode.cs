using System.Globalization;
using System.Text;

namespace ReproBuild.Tasks.Gates;

/// <summary>One checked <c>DriftGate</c>, ready to become a test.</summary>
internal sealed record DriftGateSpec(string Assembly, string Model, string Dataset, string? Method, double? Threshold, IReadOnlyList<string> Columns, double MaxDriftShare)
{
    /// <summary>How Test Explorer and TRX reports name the test: <c>Cancer: no drift on current.csv (ks, columns a, b)</c>.</summary>
    public string DisplayName
    {
        get
        {
            var settings = new List<string>();
            if (Method is not null)
            {
                settings.Add(Threshold is { } t ? $"{Method} at {Gate.N(t)}" : Method);
            }
            else if (Threshold is { } threshold)
            {
                settings.Add($"threshold {Gate.N(threshold)}");
            }
            if (Columns.Count > 0)
            {
                settings.Add($"columns {string.Join(", ", Columns)}");
            }
            if (MaxDriftShare != 0.5)
            {
                settings.Add($"drifts at share {Gate.N(MaxDriftShare)}");
            }
            return $"{Model}: no drift on {Dataset}{(settings.Count > 0 ? $" ({string.Join("; ", settings)})" : "")}";
        }
    }
}

/// <summary>Writes the test class that runs each drift gate as its own MSTest test.</summary>
internal static class DriftGateCode
{
    public const string ClassName = "ReproBuildDriftGates";

    public static string Generate(string rootNamespace, IReadOnlyList<DriftGateSpec> gates)
    {
        var code = GateCode.TestClassStart(rootNamespace, ClassName, "DriftGate");
        for (var i = 0; i < gates.Count; i++)
        {
            var gate = gates[i];
            code.Append(CultureInfo.InvariantCulture, $"    [global::Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod(DisplayName = {GateCode.Literal(gate.DisplayName)})]\n");
            code.Append(CultureInfo.InvariantCulture, $"    public void Drift{i + 1}_{GateCode.Identifier(gate.Model)}() =>\n");
            code.Append(CultureInfo.InvariantCulture,
                $"        global::ReproBuild.Testing.DriftGates.Check(new global::ReproBuild.Testing.DriftGate({GateCode.Literal(gate.Assembly)}, {GateCode.Literal(gate.Model)}, global::System.IO.Path.Combine(global::System.AppContext.BaseDirectory, {GateCode.Literal(Gate.DatasetFolder)}, {GateCode.Literal(gate.Dataset)}))\n");
            code.Append("        {\n");
            if (gate.Method is not null)
            {
                code.Append(CultureInfo.InvariantCulture, $"            Method = {GateCode.Literal(gate.Method)},\n");
            }
            if (gate.Threshold is { } threshold)
            {
                code.Append(CultureInfo.InvariantCulture, $"            Threshold = {Gate.N(threshold)},\n");
            }
            if (gate.Columns.Count > 0)
            {
                code.Append(CultureInfo.InvariantCulture, $"            Columns = [{string.Join(", ", gate.Columns.Select(GateCode.Literal))}],\n");
            }
            code.Append(CultureInfo.InvariantCulture, $"            MaxDriftShare = {Gate.N(gate.MaxDriftShare)},\n");
            code.Append("        });\n");
            if (i < gates.Count - 1)
            {
                code.Append('\n');
            }
        }
        code.Append("}\n");
        return code.ToString();
    }
}
