namespace ReproBuild.Engine.Diagnostics;

/// <summary>
/// Reports the first few findings of each kind in full and counts the rest, so that a badly broken large file
/// gives a readable error list and a total rather than millions of lines. It keeps more of the first cases per
/// kind than it prints, for the machine-readable report.
/// </summary>
internal sealed class FindingLimiter(DiagnosticWriter diagnostics, string file, int perCode = 20, int keptPerCode = 100) : IFindings
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Finding>> _cases = new(StringComparer.Ordinal);

    /// <summary>Per code: how many findings, and the first of them.</summary>
    public IEnumerable<(string Code, long Count, IReadOnlyList<Finding> First)> ByCode =>
        _counts.Select(pair => (pair.Key, pair.Value, (IReadOnlyList<Finding>)_cases[pair.Key]));

    public long Total { get; private set; }

    public void Error(string code, string message, int line, int column)
    {
        Total++;
        var count = _counts[code] = _counts.GetValueOrDefault(code) + 1;
        if (count <= keptPerCode)
        {
            if (!_cases.TryGetValue(code, out var cases))
            {
                _cases[code] = cases = [];
            }
            cases.Add(new Finding(line, column, message));
        }
        if (count <= perCode)
        {
            diagnostics.Error(code, message, file, line, column);
        }
    }

    /// <summary>Reports, per code, how many findings were counted but not listed.</summary>
    public void ReportSuppressed()
    {
        foreach (var (code, count) in _counts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (count > perCode)
            {
                diagnostics.Error(ErrorCodes.MoreFindings, $"{count - perCode:N0} more {code} findings in this file are not listed ({count:N0} in all).", file);
            }
        }
    }
}

internal sealed record Finding(int Line, int Column, string Message);

/// <summary>Where a check reports what it found in a cell or row.</summary>
internal interface IFindings
{
    void Error(string code, string message, int line, int column);
}
