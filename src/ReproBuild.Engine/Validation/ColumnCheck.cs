using ReproBuild.Engine.Diagnostics;

namespace ReproBuild.Engine.Validation;

/// <summary>What the inspection pass does with each cell of one column: check it, profile it, and give the key that unique checks compare.</summary>
internal abstract class ColumnCheck(string name)
{
    public string Name { get; } = name;

    public ColumnProfiler Profiler { get; } = new();

    /// <summary><c>number</c> or <c>text</c>: how training reads the column.</summary>
    public abstract string Type { get; }

    /// <returns>The cell's key for unique and primary-key checks; null when the cell is missing or failed.</returns>
    public abstract string? Check(ReadOnlySpan<char> cell, int line, int column, IFindings findings);

    /// <summary>Called once with the first rows before any <see cref="Check"/>, for columns that infer their type.</summary>
    public virtual void Infer(IEnumerable<string> sample)
    {
    }
}
