using System.Text;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class SchemaErrorTests : TempFolderTest
{
    private SchemaLoad Load(string json) => SchemaKit.Load(Temp, json);

    private static void AssertAt(SchemaFinding finding, int line, int column)
    {
        Assert.AreEqual((line, column), (finding.Line, finding.Column), finding.ToString());
    }

    [TestMethod]
    public void InvalidJsonIsReportedAtItsPosition()
    {
        var load = Load("{\n  \"fields\": [\n    {\"name\": \"a\",}\n  ]\n}\n");
        var error = load.SingleError(ErrorCodes.InvalidSchemaJson);
        AssertAt(error, 3, 18);
        Assert.AreEqual(load.Path, error.File);
        StringAssert.StartsWith(error.Message, "invalid JSON: ");
        Assert.IsFalse(error.Message.Contains("LineNumber", StringComparison.Ordinal), error.Message);
    }

    [TestMethod]
    public void ColumnsCountCharactersNotBytes()
    {
        // "é" and "😀" are 2 and 4 bytes in UTF-8 but 1 and 2 characters in an editor.
        var load = Load("{\"fields\": [{\"name\": \"é😀\", \"type\": \"nope\"}]}");
        AssertAt(load.SingleError(ErrorCodes.InvalidSchema), 1, 37);
        var broken = Load("{\"title\": \"é\" x}");
        AssertAt(broken.SingleError(ErrorCodes.InvalidSchemaJson), 1, 15);
    }

    [TestMethod]
    public void AByteOrderMarkIsSkipped()
    {
        var path = Temp.WriteBytes("bom.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"fields\": [{\"name\": \"a\", \"type\": \"nope\"}]}")]);
        AssertAt(SchemaKit.LoadFile(path).SingleError(ErrorCodes.InvalidSchema), 1, 35);
    }

    [TestMethod]
    public void UnterminatedJsonAndEmptyFiles()
    {
        AssertAt(Load("{\"fields\": [").SingleError(ErrorCodes.InvalidSchemaJson), 1, 13);
        AssertAt(Load("").SingleError(ErrorCodes.InvalidSchemaJson), 1, 1);
        AssertAt(Load("{} {}").SingleError(ErrorCodes.InvalidSchemaJson), 1, 4);
    }

    [TestMethod]
    public void MissingFileIsReported()
    {
        var load = SchemaKit.LoadFile(Temp.File("absent.json"));
        Assert.IsNull(load.Schema);
        Assert.AreEqual(ErrorCodes.InvalidSchemaJson, load.Errors.Single().Code);
        Assert.AreEqual(0, load.Errors.Single().Line);
    }

    [TestMethod]
    public void SchemaMustBeAnObjectWithFields()
    {
        AssertAt(Load("[1]").SingleError(ErrorCodes.InvalidSchema), 1, 1);
        var noFields = Load("{\n  \"title\": \"x\"\n}");
        AssertAt(noFields.SingleError(ErrorCodes.InvalidSchema), 1, 1);
        StringAssert.Contains(noFields.Errors[0].Message, "'fields'");
        AssertAt(Load("{\"fields\": {}}").SingleError(ErrorCodes.InvalidSchema), 1, 12);
        AssertAt(Load("{\"fields\": [1]}").SingleError(ErrorCodes.InvalidSchema), 1, 13);
    }

    [TestMethod]
    public void FieldWithoutNameIsReportedAtTheField()
    {
        var load = Load("{\n  \"fields\": [\n    {\"name\": \"a\"},\n    {\"type\": \"integer\"}\n  ]\n}");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 4, 5);
        Assert.AreEqual("fields[1] has no 'name'; every field needs one.", error.Message);
        AssertAt(Load("{\"fields\": [{\"name\": 5}]}").SingleError(ErrorCodes.InvalidSchema), 1, 22);
    }

    [TestMethod]
    public void DuplicateFieldNamesAreReportedAtTheSecondName()
    {
        var load = Load("{\n  \"fields\": [\n    {\"name\": \"id\"},\n    {\"name\": \"x\"},\n    {\"name\": \"id\", \"type\": \"string\"}\n  ]\n}");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 5, 14);
        Assert.AreEqual("field name 'id' appears more than once (first at fields[0].name).", error.Message);
    }

    [TestMethod]
    public void UnknownTypeIsReportedAtTheType()
    {
        var load = Load("{\n  \"fields\": [\n    {\"name\": \"a\", \"type\": \"float\"}\n  ]\n}");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 3, 27);
        StringAssert.StartsWith(error.Message, "unknown type 'float'; Table Schema types are: string, number, integer");
    }

    [TestMethod]
    [DataRow("number", "currency")]
    [DataRow("string", "wkt")]
    [DataRow("integer", "any")]
    [DataRow("geopoint", "lat, lon")]
    [DataRow("date", "YYYY-MM-DD")]
    [DataRow("date", "%d/%m/%Q")]
    [DataRow("datetime", "%Y-%m-%d %")]
    public void UnknownFormatIsReportedAtTheFormat(string type, string format)
    {
        var load = Load($"{{\"fields\": [{{\"name\": \"a\", \"type\": \"{type}\",\n \"format\": \"{format}\"}}]}}");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 2, 12);
        StringAssert.StartsWith(error.Message, $"unknown format '{format}' for type {type}");
    }

    [TestMethod]
    [DataRow("integer", "\"minLength\": 1", "constraint minLength does not apply to a field of type integer (only to string, array, object and list).")]
    [DataRow("boolean", "\"minimum\": 1", "constraint minimum does not apply to a field of type boolean (only to integer, number, date, time, datetime, duration, year and yearmonth).")]
    [DataRow("string", "\"exclusiveMaximum\": \"a\"", "constraint exclusiveMaximum does not apply to a field of type string (only to integer, number, date, time, datetime, duration, year and yearmonth).")]
    [DataRow("number", "\"pattern\": \"[0-9]+\"", "constraint pattern does not apply to a field of type number (only to string).")]
    [DataRow("date", "\"maxLength\": 10", "constraint maxLength does not apply to a field of type date (only to string, array, object and list).")]
    [DataRow("integer", "\"jsonSchema\": {}", "constraint jsonSchema does not apply to a field of type integer (only to array and object).")]
    public void InapplicableConstraintsAreErrorsAtTheConstraint(string type, string constraint, string message)
    {
        var load = Load($"{{\"fields\": [{{\"name\": \"a\", \"type\": \"{type}\", \"constraints\": {{\n  \"required\": true,\n  {constraint}}}}}]}}");
        var error = load.SingleError(ErrorCodes.ConstraintNotApplicable);
        AssertAt(error, 3, 3);
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void CategoriesOnOtherTypesAreInapplicable()
    {
        var load = Load("{\"fields\": [{\"name\": \"a\", \"type\": \"number\",\n \"categories\": [1, 2]}]}");
        AssertAt(load.SingleError(ErrorCodes.ConstraintNotApplicable), 2, 2);
    }

    [TestMethod]
    [DataRow("integer", "\"minimum\": \"abc\"", 14)]
    [DataRow("integer", "\"minimum\": 1.5", 14)]
    [DataRow("date", "\"maximum\": \"2020-13-01\"", 14)]
    [DataRow("date", "\"maximum\": 2020", 14)]
    [DataRow("number", "\"minimum\": true", 14)]
    [DataRow("string", "\"minLength\": -1", 16)]
    [DataRow("string", "\"maxLength\": \"3\"", 16)]
    [DataRow("string", "\"required\": \"yes\"", 15)]
    [DataRow("integer", "\"enum\": 1", 11)]
    [DataRow("integer", "\"enum\": [1, \"two\"]", 15)]
    [DataRow("boolean", "\"enum\": [\"yes\"]", 12)]
    [DataRow("string", "\"pattern\": \"[a-\"", 14)]
    [DataRow("string", "\"pattern\": \"(a\"", 14)]
    [DataRow("string", "\"pattern\": 5", 14)]
    public void BadConstraintValuesAreReportedAtTheValue(string type, string constraint, int column)
    {
        var load = Load($"{{\"fields\": [{{\"name\": \"a\", \"type\": \"{type}\", \"constraints\": {{\n  {constraint}}}}}]}}");
        AssertAt(load.SingleError(ErrorCodes.InvalidSchema), 2, column);
    }

    [TestMethod]
    public void BadValuesSayWhy()
    {
        Assert.AreEqual(
            "minimum abc is not a valid value of the field's type: it is not a valid integer.",
            Load("{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"constraints\": {\"minimum\": \"abc\"}}]}").SingleError(ErrorCodes.InvalidSchema).Message);
        StringAssert.StartsWith(
            Load("{\"fields\": [{\"name\": \"a\", \"type\": \"string\", \"constraints\": {\"pattern\": \"[a-\"}}]}").SingleError(ErrorCodes.InvalidSchema).Message,
            "pattern '[a-' is not a valid regular expression: ");
    }

    [TestMethod]
    public void BadCategoriesAreReported()
    {
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"integer\",\n \"categories\": [{\"label\": \"x\"}]}]}").SingleError(ErrorCodes.InvalidSchema), 2, 17);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"integer\",\n \"categories\": [1, \"b\"]}]}").SingleError(ErrorCodes.InvalidSchema), 2, 20);
    }

    [TestMethod]
    public void BadOptionsAreReported()
    {
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"number\",\n \"bareNumber\": \"no\"}]}").SingleError(ErrorCodes.InvalidSchema), 2, 16);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"number\",\n \"decimalChar\": \"\"}]}").SingleError(ErrorCodes.InvalidSchema), 2, 17);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\",\n \"groupChar\": \",\"}]}").SingleError(ErrorCodes.InvalidSchema), 2, 15);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"boolean\",\n \"trueValues\": [\"y\", 1]}]}").SingleError(ErrorCodes.InvalidSchema), 2, 22);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"boolean\", \"trueValues\": [\"y\"],\n \"falseValues\": [\"y\"]}]}").SingleError(ErrorCodes.InvalidSchema), 2, 17);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"list\",\n \"itemType\": \"list\"}]}").SingleError(ErrorCodes.InvalidSchema), 2, 14);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\", \"type\": \"string\",\n \"missingValues\": [1]}]}").SingleError(ErrorCodes.InvalidSchema), 2, 20);
    }

    [TestMethod]
    public void KeysMustNameFields()
    {
        var primary = Load("{\"fields\": [{\"name\": \"a\"}],\n \"primaryKey\": [\"a\", \"b\"]}");
        var error = primary.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 2, 22);
        Assert.AreEqual("primaryKey names 'b', which is not a field of this schema.", error.Message);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\"}],\n \"primaryKey\": \"b\"}").SingleError(ErrorCodes.InvalidSchema), 2, 16);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\"}],\n \"uniqueKeys\": [[\"a\"], [\"a\", \"c\"]]}").SingleError(ErrorCodes.InvalidSchema), 2, 30);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\"}],\n \"uniqueKeys\": [[]]}").SingleError(ErrorCodes.InvalidSchema), 2, 17);
        AssertAt(Load("{\"fields\": [{\"name\": \"a\"}],\n \"primaryKey\": 1}").SingleError(ErrorCodes.InvalidSchema), 2, 16);
    }

    [TestMethod]
    public void FieldsMatchIsValidated()
    {
        var load = Load("{\"fields\": [{\"name\": \"a\"}],\n \"fieldsMatch\": \"loose\"}");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        AssertAt(error, 2, 17);
        Assert.AreEqual("fieldsMatch 'loose' is not one of: exact, equal, subset, superset, partial.", error.Message);
    }

    [TestMethod]
    public void DuplicateJsonPropertiesAreReported()
    {
        AssertAt(Load("{\"fields\": [{\"name\": \"a\",\n \"type\": \"string\", \"type\": \"integer\"}]}").SingleError(ErrorCodes.InvalidSchema), 2, 20);
    }

    [TestMethod]
    public void EveryErrorIsReportedNotJustTheFirst()
    {
        var load = Load("""
            {
              "fields": [
                {"name": "a", "type": "nope"},
                {"name": "b", "type": "integer", "constraints": {"pattern": "x"}},
                {"name": "a", "type": "date", "format": "dd.mm.yyyy"}
              ],
              "primaryKey": ["z"]
            }
            """);
        Assert.IsNull(load.Schema);
        var errors = load.Errors.Select(e => (e.Code, e.Line, e.Column)).ToArray();
        CollectionAssert.AreEqual(
            new[]
            {
                (ErrorCodes.InvalidSchema, 3, 27),
                (ErrorCodes.ConstraintNotApplicable, 4, 54),
                (ErrorCodes.InvalidSchema, 5, 45),
                (ErrorCodes.InvalidSchema, 5, 14),
                (ErrorCodes.InvalidSchema, 7, 18),
            },
            errors,
            load.Output);
    }
}
