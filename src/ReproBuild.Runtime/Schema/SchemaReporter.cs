namespace ReproBuild.Runtime.Schema;

/// <summary>
/// Where <see cref="TableSchema.Load"/> reports problems in a schema descriptor: each as (code, message, file, line,
/// column), with the 1-based line and column of the offending JSON token (line 0 when there is no position).
/// </summary>
internal sealed class SchemaReporter(Action<string, string, string, int, int> error, Action<string, string, string, int, int> warning)
{
    public int ErrorCount { get; private set; }

    public int WarningCount { get; private set; }

    public void Error(string code, string message, string file, int line, int column)
    {
        ErrorCount++;
        error(code, message, file, line, column);
    }

    public void Warning(string code, string message, string file, int line, int column)
    {
        WarningCount++;
        warning(code, message, file, line, column);
    }
}
