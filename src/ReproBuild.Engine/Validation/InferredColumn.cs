using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// A column without a schema: numeric when most of its values among the first rows are numbers; from then on
/// every value that is not a number (nor a missing-value token) is an error at its cell.
/// </summary>
internal sealed class InferredColumn(string name) : ColumnCheck(name)
{
    private string? _type;

    public override string Type => _type ?? ColumnSummary.Number;

    public override void Infer(IEnumerable<string> sample)
    {
        long present = 0;
        long numbers = 0;
        foreach (var value in sample)
        {
            if (DelimitedFile.IsMissing(value))
            {
                continue;
            }
            present++;
            if (DelimitedFile.TryParseNumber(value, out _))
            {
                numbers++;
            }
        }
        if (present > 0)
        {
            _type = numbers * 2 > present ? ColumnSummary.Number : ColumnSummary.Text;
        }
    }

    public override string? Check(ReadOnlySpan<char> cell, int line, int column, IFindings findings)
    {
        if (DelimitedFile.IsMissing(cell))
        {
            Profiler.AddMissing();
            return null;
        }
        _type ??= DelimitedFile.TryParseNumber(cell, out _) ? ColumnSummary.Number : ColumnSummary.Text;
        if (_type == ColumnSummary.Text)
        {
            Profiler.AddText(cell);
            return null;
        }
        if (!DelimitedFile.TryParseNumber(cell, out var number))
        {
            findings.Error(
                ErrorCodes.NonNumericValue,
                $"value '{CellText.Truncate(cell)}' in numeric column '{Name}' is not a number (leave the cell empty to mark it missing).",
                line,
                column);
            return null;
        }
        Profiler.AddNumber(number, cell);
        return null;
    }
}
