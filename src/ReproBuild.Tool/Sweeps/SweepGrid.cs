using System.Globalization;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// The grid of a sweep as the command line gives it — <c>-p Name=a,b,c</c> per parameter, <c>--seeds 1,2,3</c>,
/// <c>-m MODEL</c> per model (default: every model) — and its expansion into experiments: every combination of one
/// value per parameter and one seed, for each model, in the order given.
/// </summary>
internal sealed class SweepGrid
{
    private SweepGrid(IReadOnlyList<(string Name, IReadOnlyList<string> Values)> parameters, IReadOnlyList<int> seeds)
    {
        Parameters = parameters;
        Seeds = seeds;
    }

    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Parameters { get; }

    /// <summary>Empty when the seeds are the models' own.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Checks each <c>-p</c> and the <c>--seeds</c> list; a <see cref="ToolError"/> names the bad one.</summary>
    public static SweepGrid Parse(IEnumerable<string> parameters, string? seeds)
    {
        var parsed = new List<(string, IReadOnlyList<string>)>();
        foreach (var text in parameters)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : text[..equals].Trim();
            if (name.Length == 0 || name.Contains(';', StringComparison.Ordinal))
            {
                throw new ToolError($"-p '{text}': write a parameter and its values as Name=a,b,c, e.g. -p NumberOfTrees=50,100.");
            }
            if (parsed.Any(p => string.Equals(p.Item1, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ToolError($"-p {name} is given twice; list all its values in one -p {name}=a,b,c.");
            }
            var values = text[(equals + 1)..].Split(',').Select(v => v.Trim()).ToArray();
            if (values.Any(v => v.Length == 0 || v.Contains(';', StringComparison.Ordinal)))
            {
                throw new ToolError($"-p '{text}': every value must be non-empty and without ';' (values are separated by ',').");
            }
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            {
                throw new ToolError($"-p '{text}' lists a value twice.");
            }
            parsed.Add((name, values));
        }
        return new SweepGrid(parsed, ParseSeeds(seeds));
    }

    /// <summary>Every combination, model by model; the first parameter varies slowest.</summary>
    public IReadOnlyList<Experiment> Expand(IEnumerable<string> models)
    {
        IEnumerable<SortedDictionary<string, string>> points = [new(StringComparer.Ordinal)];
        foreach (var (name, values) in Parameters)
        {
            points = points.SelectMany(point => values.Select(value => new SortedDictionary<string, string>(point, StringComparer.Ordinal) { [name] = value })).ToArray();
        }
        var seeds = Seeds.Count == 0 ? [null] : Seeds.Select(s => (int?)s).ToArray();
        return [.. models.SelectMany(model => points.SelectMany(point => seeds.Select(seed => new Experiment(model, point, seed))))];
    }

    private static int[] ParseSeeds(string? text)
    {
        if (text is null)
        {
            return [];
        }
        var seeds = new List<int>();
        foreach (var part in text.Split(',').Select(s => s.Trim()))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            {
                throw new ToolError($"--seeds '{text}': '{part}' is not a whole number; write the seeds as 1,2,3.");
            }
            if (seeds.Contains(seed))
            {
                throw new ToolError($"--seeds '{text}' lists {seed} twice.");
            }
            seeds.Add(seed);
        }
        return [.. seeds];
    }
}
