namespace ReproBuild.Tool;

/// <summary>The .NET CLI's verbosity levels, with its names and one-letter forms (<c>-v q</c>, <c>-v diag</c>).</summary>
internal enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Detailed,
    Diagnostic,
}

internal static class VerbosityNames
{
    public static readonly string[] All = ["q", "quiet", "m", "minimal", "n", "normal", "d", "detailed", "diag", "diagnostic"];

    public static Verbosity Parse(string? text) => text?.ToLowerInvariant() switch
    {
        "q" or "quiet" => Verbosity.Quiet,
        "m" or "minimal" => Verbosity.Minimal,
        "d" or "detailed" => Verbosity.Detailed,
        "diag" or "diagnostic" => Verbosity.Diagnostic,
        _ => Verbosity.Normal,
    };
}
