using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class SchemaDescriptorTests : TempFolderTest
{
    [TestMethod]
    public void V1DescriptorLoads()
    {
        var schema = SchemaKit.Load(Temp, """
            {
              "fields": [
                {"name": "id", "title": "Identifier", "type": "integer", "format": "default", "constraints": {"required": true, "unique": true}},
                {"name": "when", "type": "date", "format": "fmt:%d/%m/%Y"},
                {"name": "note"}
              ],
              "primaryKey": "id",
              "missingValues": ["", "-"]
            }
            """).Clean();
        Assert.HasCount(3, schema.Fields);
        Assert.AreEqual(FieldsMatch.Exact, schema.FieldsMatch);
        CollectionAssert.AreEqual(new[] { "id" }, schema.PrimaryKey.ToArray());
        Assert.IsEmpty(schema.UniqueKeys);
        Assert.AreEqual("integer", schema.Fields[0].Type);
        Assert.AreEqual("%d/%m/%Y", schema.Fields[1].Format);
        Assert.AreEqual(CellStatus.Valid, schema.Fields[1].Check("31/12/2020").Status);
        Assert.AreEqual("any", schema.Fields[2].Type);
        Assert.AreEqual(CellStatus.Missing, schema.Fields[2].Check("-").Status);
    }

    [TestMethod]
    public void V2DescriptorLoads()
    {
        var schema = SchemaKit.Load(Temp, """
            {
              "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
              "fields": [
                {"name": "a", "type": "integer"},
                {"name": "b", "type": "string", "categories": ["x", "y"], "categoriesOrdered": false},
                {"name": "c", "type": "list", "itemType": "number", "delimiter": ";"}
              ],
              "fieldsMatch": "subset",
              "primaryKey": ["a", "b"],
              "uniqueKeys": [["a"], ["b", "c"]],
              "missingValues": [{"value": "NA", "label": "not available"}]
            }
            """).Clean();
        Assert.AreEqual(FieldsMatch.Subset, schema.FieldsMatch);
        CollectionAssert.AreEqual(new[] { "a", "b" }, schema.PrimaryKey.ToArray());
        Assert.HasCount(2, schema.UniqueKeys);
        CollectionAssert.AreEqual(new[] { "b", "c" }, schema.UniqueKeys[1].ToArray());
        CollectionAssert.AreEqual(new[] { "NA" }, schema.MissingValues.ToArray());
    }

    [TestMethod]
    [DataRow("exact", "Exact")]
    [DataRow("equal", "Equal")]
    [DataRow("subset", "Subset")]
    [DataRow("superset", "Superset")]
    [DataRow("partial", "Partial")]
    public void FieldsMatchValues(string value, string expected) =>
        Assert.AreEqual(expected, SchemaKit.Load(Temp, $"{{\"fields\": [], \"fieldsMatch\": \"{value}\"}}").Clean().FieldsMatch.ToString());

    [TestMethod]
    public void NoPrimaryKeyIsEmpty()
    {
        var schema = SchemaKit.Load(Temp, "{\"fields\": [{\"name\": \"a\"}]}").Clean();
        Assert.IsEmpty(schema.PrimaryKey);
        Assert.IsEmpty(schema.UniqueKeys);
    }

    [TestMethod]
    public void DocumentationPropertiesDoNotWarn()
    {
        SchemaKit.Load(Temp, """
            {
              "$schema": "https://datapackage.org/profiles/1.0/tableschema.json",
              "title": "People",
              "description": "One row per person.",
              "fields": [
                {"name": "age", "title": "Age", "description": "in years", "example": "42", "type": "integer",
                 "constraints": {"minimum": 0}},
                {"name": "flag", "type": "boolean", "trueValues": ["y"], "falseValues": ["n"]},
                {"name": "price", "type": "number", "decimalChar": ",", "groupChar": ".", "bareNumber": false}
              ]
            }
            """).Clean();
    }

    [TestMethod]
    public void UnsupportedPropertiesWarnWithTheirPathAndStillLoad()
    {
        var load = SchemaKit.Load(Temp, """
            {
              "fields": [
                {"name": "id", "type": "integer"},
                {"name": "country", "type": "string", "rdfType": "http://schema.org/Country"},
                {"name": "doc", "type": "object", "constraints": {"jsonSchema": {"type": "object"}}},
                {"name": "n", "type": "number", "floatNumber": true, "constraints": {"multipleOf": 2}}
              ],
              "foreignKeys": [{"fields": "id", "reference": {"resource": "other", "fields": "id"}}],
              "custom": 1
            }
            """);
        Assert.IsNotNull(load.Schema, load.Output);
        Assert.IsEmpty(load.Errors);
        var warnings = load.Warnings.Select(w => (w.Code, w.Message, w.Line, w.Column)).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (ErrorCodes.UnsupportedSchemaProperty, "fields[1].rdfType is not supported and is ignored.", 4, 43),
                (ErrorCodes.UnsupportedSchemaProperty, "fields[2].constraints.jsonSchema is not supported and is ignored.", 5, 55),
                (ErrorCodes.UnsupportedSchemaProperty, "fields[3].floatNumber is not supported and is ignored.", 6, 37),
                (ErrorCodes.UnsupportedSchemaProperty, "fields[3].constraints.multipleOf is not supported and is ignored.", 6, 74),
                (ErrorCodes.UnsupportedSchemaProperty, "foreignKeys is not supported and is ignored.", 8, 3),
                (ErrorCodes.UnsupportedSchemaProperty, "custom is not supported and is ignored.", 9, 3),
            },
            warnings,
            load.Output);
    }

    [TestMethod]
    public void ReporterCanWriteToADiagnosticWriter()
    {
        var output = new StringWriter();
        var diagnostics = new ReproBuild.Engine.Diagnostics.DiagnosticWriter(output);
        var path = Temp.Write("s.json", "{\"fields\": [{\"name\": \"a\", \"type\": \"nope\"}],\n \"custom\": 1}");
        Assert.IsNull(TableSchema.Load(path, null, ReproBuild.Engine.Validation.SchemaLoading.To(diagnostics)));
        Assert.AreEqual(1, diagnostics.ErrorCount);
        StringAssert.Contains(output.ToString(), $"{path}(1,35) : error RB2101: unknown type 'nope'");
        StringAssert.Contains(output.ToString(), $"{path}(2,2) : warning RB2103: custom is not supported and is ignored.");
    }
}
