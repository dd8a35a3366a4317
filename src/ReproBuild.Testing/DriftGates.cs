using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Testing;

/// <summary>Runs drift gates against the reference that ships with the model: its bytes checked against the digest the model's provenance records.</summary>
public static class DriftGates
{
    /// <summary>Fails the current test, listing every drifted column with its statistic, threshold and method, when the data drifted.</summary>
    /// <exception cref="AssertFailedException">The data drifted, cannot be compared, or the model or its reference cannot be trusted or found.</exception>
    public static DriftReport Check(DriftGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        DriftReport report;
        try
        {
            var reference = DriftReference.Load(Assembly.Load(new AssemblyName(gate.Assembly)), gate.Model);
            var options = new DriftOptions
            {
                Method = gate.Method is null ? null : DriftMethods.Parse(gate.Method) ?? throw new ArgumentException($"'{gate.Method}' is not a drift method; methods: {string.Join(", ", DriftMethods.Names)}."),
                Threshold = gate.Threshold,
                Columns = gate.Columns,
                MaxDriftShare = gate.MaxDriftShare,
            };
            report = reference.Compare(gate.Dataset, options);
        }
        catch (InvalidDataException e)
        {
            throw new AssertFailedException($"{gate.Model}: {Path.GetFileName(gate.Dataset)} cannot be compared with the model's training data: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new AssertFailedException($"{gate.Model}: {e.Message}");
        }
        catch (ModelIntegrityException e)
        {
            throw new AssertFailedException($"{gate.Model}: {e.Message}");
        }
        catch (Exception e) when (e is FileNotFoundException or KeyNotFoundException)
        {
            throw new AssertFailedException($"{gate.Model}: the model or its drift reference cannot be found ({e.Message}).");
        }
        if (report.DatasetDrift)
        {
            var drifted = string.Join("\n", report.DriftedColumns.Select(c => "  " + c.Describe()));
            throw new AssertFailedException($"{report.Summary}:\n{drifted}");
        }
        return report;
    }
}
