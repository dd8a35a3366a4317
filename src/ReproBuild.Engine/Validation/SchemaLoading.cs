using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Schema;

namespace ReproBuild.Engine.Validation;

/// <summary>Loads a dataset's Table Schema, its problems reported as diagnostics at the schema file's line and column.</summary>
internal static class SchemaLoading
{
    public static TableSchema? Load(string file, string? resource, DiagnosticWriter diagnostics) =>
        TableSchema.Load(file, resource, SchemaReporter.To(diagnostics));
}
