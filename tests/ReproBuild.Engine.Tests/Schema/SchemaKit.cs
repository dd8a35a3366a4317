using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Tests.Schema;

/// <summary>One problem reported while loading a schema.</summary>
internal sealed record SchemaFinding(string Severity, string Code, string Message, string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Code}: {Message}";
}

/// <summary>What <see cref="TableSchema.Load"/> returned and reported.</summary>
internal sealed record SchemaLoad(TableSchema? Schema, IReadOnlyList<SchemaFinding> Findings, string Path)
{
    public IReadOnlyList<SchemaFinding> Errors => Findings.Where(f => f.Severity == "error").ToArray();

    public IReadOnlyList<SchemaFinding> Warnings => Findings.Where(f => f.Severity == "warning").ToArray();

    public string Output => string.Join('\n', Findings);

    public SchemaFinding SingleError(string code)
    {
        Assert.IsNull(Schema, "a schema with errors must not load");
        var errors = Errors.Where(e => e.Code == code).ToArray();
        Assert.HasCount(1, errors, $"expected exactly one {code}; got:\n{Output}");
        Assert.HasCount(1, Errors, $"expected no other errors; got:\n{Output}");
        return errors[0];
    }

    public TableSchema Clean()
    {
        Assert.IsEmpty(Findings, Output);
        Assert.IsNotNull(Schema);
        return Schema;
    }
}

/// <summary>Writes schema JSON to a temporary file and loads it, recording everything reported.</summary>
internal static class SchemaKit
{
    /// <summary>
    /// 7 with a control character before, inside or after it: NULs (which .NET's parsers ignore at the end), the
    /// ones .NET and a trim take for white space (tab, line breaks, vertical tab, form feed, NEL, U+2028), ESC, DEL.
    /// </summary>
    public static readonly string[] SevensWithControlCharacters =
    [
        "7\0\0", "7\0", "\07", "7\00", "\t7", "7\t", "7\r\n", "\n7", "7\v", "\f7", "7\u001b", "7\u007f", "7\u0085", "\u20287",
    ];

    public static SchemaLoad Load(TempFolder folder, string json, string? resource = null, string name = "schema.json")
    {
        var path = folder.Write(name, json);
        return LoadFile(path, resource);
    }

    public static SchemaLoad LoadFile(string path, string? resource = null)
    {
        var findings = new List<SchemaFinding>();
        var reporter = new SchemaReporter(
            (code, message, file, line, column) => findings.Add(new SchemaFinding("error", code, message, file, line, column)),
            (code, message, file, line, column) => findings.Add(new SchemaFinding("warning", code, message, file, line, column)));
        var schema = TableSchema.Load(path, resource, reporter);
        Assert.AreEqual(findings.Count(f => f.Severity == "error"), reporter.ErrorCount);
        return new SchemaLoad(schema, findings, path);
    }

    /// <summary>Loads a schema with this one field descriptor and returns the field; fails on any finding.</summary>
    public static SchemaField Field(string fieldJson, string? schemaProperties = null)
    {
        using var folder = new TempFolder();
        var extra = schemaProperties is null ? "" : $", {schemaProperties}";
        var schema = Load(folder, $"{{\"fields\": [{fieldJson}]{extra}}}").Clean();
        Assert.HasCount(1, schema.Fields);
        return schema.Fields[0];
    }

    /// <summary>A field of <paramref name="type"/> with the given extra descriptor properties (JSON members, without braces).</summary>
    public static SchemaField Typed(string type, string? properties = null) =>
        Field(properties is null ? $"{{\"name\": \"f\", \"type\": \"{type}\"}}" : $"{{\"name\": \"f\", \"type\": \"{type}\", {properties}}}");

    public static void AssertValid(SchemaField field, string value)
    {
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, $"'{value}' should be a valid {field.Type} ({field.Format}): {check.Message}");
        Assert.IsNull(check.Code);
        Assert.IsNull(check.Message);
        Assert.IsNotNull(check.Key);
    }

    public static void AssertTypeError(SchemaField field, string value)
    {
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.TypeError, check.Status, $"'{value}' should not be a valid {field.Type} ({field.Format})");
        Assert.AreEqual(ErrorCodes.FieldTypeError, check.Code);
        StringAssert.Contains(check.Message, $"field '{field.Name}'");
        Assert.IsNull(check.Number);
        Assert.IsNull(check.Key);
    }

    public static CellCheck AssertConstraintError(SchemaField field, string value, string code)
    {
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.ConstraintError, check.Status, $"'{value}' should break a constraint: {check.Message}");
        Assert.AreEqual(code, check.Code, check.Message);
        return check;
    }
}
