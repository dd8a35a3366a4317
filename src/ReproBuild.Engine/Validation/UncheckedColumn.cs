using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Validation;

/// <summary>A column the schema does not describe (its fieldsMatch allows extra columns): read as text, profiled, not checked.</summary>
internal sealed class UncheckedColumn(string name) : ColumnCheck(name)
{
    public override string Type => ColumnSummary.Text;

    public override string? Check(ReadOnlySpan<char> cell, int line, int column, IFindings findings)
    {
        if (DelimitedFile.IsMissing(cell))
        {
            Profiler.AddMissing();
        }
        else
        {
            Profiler.AddText(cell);
        }
        return null;
    }
}
