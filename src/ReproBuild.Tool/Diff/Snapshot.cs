using System.Globalization;
using ReproBuild.Tool.Locks;
using ReproBuild.Tool.Runs;

namespace ReproBuild.Tool.Diff;

/// <summary>
/// One side of a diff: the models of a lock file (working copy or a git revision) or the one model of a run record,
/// reduced to what experiments are compared by — parameters (trainer and seed among them), metrics and digests.
/// </summary>
internal sealed record Snapshot(string Label, IReadOnlyDictionary<string, ModelState> Models)
{
    public static Snapshot FromRun(RunRecord run) =>
        new($"{run.Reference} ({run.Id})", new Dictionary<string, ModelState>(StringComparer.Ordinal)
        {
            [run.Model] = new ModelState(
                run.Model,
                run.Task,
                Parameters(run.Trainer, run.Seed, run.Parameters, null),
                run.Metrics ?? [],
                run.Sha256,
                run.Datasets ?? []),
        });

    public static Snapshot FromLock(LockDocument document, string label) =>
        new(label, (document.Models ?? []).ToDictionary(
            m => m.Key,
            m =>
            {
                var inputs = m.Value.Inputs;
                var datasets = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var reference in new[] { inputs?.Dataset, inputs?.TestDataset }.OfType<LockedDatasetReference>())
                {
                    datasets[reference.Name] = reference.Sha256;
                }
                return new ModelState(
                    m.Key,
                    inputs?.Task,
                    Parameters(inputs?.Trainer, inputs?.Seed, inputs?.Parameters, inputs?.TestFraction),
                    m.Value.Metrics ?? [],
                    m.Value.Sha256,
                    datasets);
            },
            StringComparer.Ordinal));

    // Trainer and seed decide a model as much as its parameters do, so they are compared as parameters.
    private static SortedDictionary<string, string> Parameters(string? trainer, int? seed, IReadOnlyDictionary<string, string>? parameters, double? testFraction)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new SortedDictionary<string, string>())
        {
            all[name] = value;
        }
        if (trainer is not null)
        {
            all["(Trainer)"] = trainer;
        }
        if (seed is not null)
        {
            all["(Seed)"] = seed.Value.ToString(CultureInfo.InvariantCulture);
        }
        if (testFraction is not null)
        {
            all["(TestFraction)"] = testFraction.Value.ToString("R", CultureInfo.InvariantCulture);
        }
        return all;
    }
}

/// <param name="Parameters">Trainer parameters, with (Trainer), (Seed) and, from a lock file, (TestFraction).</param>
/// <param name="Datasets">Dataset name to SHA-256.</param>
internal sealed record ModelState(
    string Model,
    string? Task,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double?> Metrics,
    string Sha256,
    IReadOnlyDictionary<string, string> Datasets);
