using System.Globalization;
using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReproBuild.Runtime;

namespace ReproBuild.Testing;

/// <summary>Runs metric gates against the model that ships: embedded bytes first checked against their stamped digest.</summary>
public static class MetricGates
{
    /// <summary>Fails the current test, with the measured value, the bound and the model's digest, when the gate does not hold.</summary>
    /// <exception cref="AssertFailedException">The gate does not hold, or the model cannot be trusted or found.</exception>
    public static void Check(MetricGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ModelProvenance provenance;
        IReadOnlyDictionary<string, double?> metrics;
        try
        {
            var assembly = Assembly.Load(new AssemblyName(gate.Assembly));
            if (gate.Dataset is null)
            {
                provenance = EmbeddedModel.Verify(assembly, gate.Model);
                metrics = provenance.Metrics;
            }
            else
            {
                var model = EmbeddedModel.Load(assembly, gate.Model);
                provenance = model.Provenance;
                metrics = model.Evaluate(gate.Dataset);
            }
        }
        catch (InvalidDataException e)
        {
            throw new AssertFailedException($"{gate.Model}: {gate.Dataset} cannot be evaluated: {e.Message}");
        }
        catch (ModelIntegrityException e)
        {
            throw new AssertFailedException($"{gate.Model}: {e.Message}");
        }
        catch (Exception e) when (e is FileNotFoundException or KeyNotFoundException)
        {
            throw new AssertFailedException($"{gate.Model}: the model cannot be found ({e.Message}).");
        }

        var digest = gate.Dataset is null ? $"model sha256 {provenance.Sha256}" : $"on {Path.GetFileName(gate.Dataset)}, model sha256 {provenance.Sha256}";
        // Null means the metric could not be computed: no bound holds for a value that does not exist, whichever bound it is.
        if (metrics.GetValueOrDefault(gate.Metric) is not { } value)
        {
            var where = gate.Dataset is null
                ? "the build recorded null because it could not be computed (the build's warning RB3011 says why)"
                : "it cannot be computed on this data (no rows, one class only, or predictions that are not finite numbers)";
            throw new AssertFailedException($"{gate.Model}: {gate.Metric} has no value: {where}, so the gate cannot pass ({digest}).");
        }

        var failures = new List<string>();
        if (gate.Minimum is { } minimum && value < minimum)
        {
            failures.Add($"is {N(value)}, below the minimum {N(minimum)}");
        }
        if (gate.Maximum is { } maximum && value > maximum)
        {
            failures.Add($"is {N(value)}, above the maximum {N(maximum)}");
        }
        if (gate.MaxDrop is not null || gate.MaxRise is not null)
        {
            if (gate.Baseline is not { } baseline)
            {
                failures.Add($"has no baseline value in {gate.BaselineSource ?? "the lock file"} (the model or metric is not there, or it is null because it could not be computed): "
                    + "build the model project so that it records a number, and commit its lock file");
            }
            else
            {
                if (gate.MaxDrop is { } maxDrop && baseline - value > maxDrop)
                {
                    failures.Add($"fell from {N(baseline)} ({gate.BaselineSource}) to {N(value)}, a drop of {N(baseline - value)}, more than MaxDrop {N(maxDrop)}");
                }
                if (gate.MaxRise is { } maxRise && value - baseline > maxRise)
                {
                    failures.Add($"rose from {N(baseline)} ({gate.BaselineSource}) to {N(value)}, a rise of {N(value - baseline)}, more than MaxRise {N(maxRise)}");
                }
            }
        }
        if (failures.Count > 0)
        {
            throw new AssertFailedException($"{gate.Model}: {gate.Metric} {string.Join("; and ", failures)} ({digest}).");
        }
    }

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
