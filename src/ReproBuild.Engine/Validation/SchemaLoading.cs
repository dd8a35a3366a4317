using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Validation;

/// <summary>Loads a dataset's Table Schema, its problems reported as diagnostics at the schema file's line and column.</summary>
internal static class SchemaLoading
{
    public static TableSchema? Load(string file, string? resource, DiagnosticWriter diagnostics) =>
        TableSchema.Load(file, resource, To(diagnostics));

    /// <summary>A reporter that writes to <paramref name="diagnostics"/>.</summary>
    public static SchemaReporter To(DiagnosticWriter diagnostics) =>
        new(
            (code, message, file, line, column) => diagnostics.Error(code, message, file, line, column),
            (code, message, file, line, column) => diagnostics.Warning(code, message, file, line, column));
}
