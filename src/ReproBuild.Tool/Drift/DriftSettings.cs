using System.CommandLine;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Tool.Drift;

/// <summary>
/// The options that say how to compare, named after a <c>DriftGate</c>'s metadata: <c>--method</c>,
/// <c>--threshold</c>, <c>--columns</c>, <c>--max-drift-share</c>. Each command gets its own instances, so its help lists them.
/// </summary>
internal sealed class DriftSettings
{
    public Option<string?> Method { get; } = CreateMethod();

    public Option<double?> Threshold { get; } = new("--threshold")
    {
        Description = "The method's threshold (default 0.05 for the p-values of ks and chisquare, 0.1 for the distances).",
        HelpName = "NUMBER",
    };

    public Option<string[]> Columns { get; } = new("--columns")
    {
        Description = "The columns to compare, separated by ';' (or the option repeated). Default: all the model's input columns.",
        HelpName = "COLUMNS",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<double> MaxDriftShare { get; } = new("--max-drift-share")
    {
        Description = "The dataset drifts when at least this share of the compared columns drift (default 0.5).",
        HelpName = "SHARE",
        DefaultValueFactory = _ => DriftOptions.DefaultMaxDriftShare,
    };

    public IEnumerable<Option> All => [Method, Threshold, Columns, MaxDriftShare];

    public DriftOptions Read(ParseResult result) => new()
    {
        Method = result.GetValue(Method) is { } method ? DriftMethods.Parse(method) : null,
        Threshold = result.GetValue(Threshold),
        Columns = [.. (result.GetValue(Columns) ?? []).SelectMany(c => c.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)],
        MaxDriftShare = result.GetValue(MaxDriftShare),
    };

    private static Option<string?> CreateMethod()
    {
        var option = new Option<string?>("--method")
        {
            Description = "One method for every column it fits, by Evidently's name: ks, chisquare, wasserstein, jensenshannon or psi. Default: each column's own (Evidently's defaults).",
            HelpName = "METHOD",
        };
        option.AcceptOnlyFromAmong([.. DriftMethods.Names]);
        return option;
    }
}
