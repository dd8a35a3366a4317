using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class MissingValuesTests : TempFolderTest
{
    [TestMethod]
    public void DefaultIsTheEmptyString()
    {
        var field = SchemaKit.Typed("integer");
        Assert.AreEqual(CellStatus.Missing, field.Check("").Status);
        Assert.AreEqual(CellStatus.TypeError, field.Check("NA").Status);
        Assert.AreEqual(CellStatus.TypeError, field.Check(" ").Status);
        CollectionAssert.AreEqual(new[] { "" }, field.MissingValues.ToArray());
    }

    [TestMethod]
    public void FieldLevelReplacesSchemaLevel()
    {
        var schema = SchemaKit.Load(Temp, """
            {
              "fields": [
                {"name": "column1", "type": "number"},
                {"name": "column2", "type": "number", "missingValues": ["-"]}
              ],
              "missingValues": ["", "NA"]
            }
            """).Clean();
        var (column1, column2) = (schema.Fields[0], schema.Fields[1]);
        Assert.AreEqual(CellStatus.Missing, column1.Check("").Status);
        Assert.AreEqual(CellStatus.Missing, column1.Check("NA").Status);
        Assert.AreEqual(CellStatus.TypeError, column1.Check("-").Status);
        Assert.AreEqual(CellStatus.Missing, column2.Check("-").Status);
        Assert.AreEqual(CellStatus.TypeError, column2.Check("NA").Status);
        Assert.AreEqual(CellStatus.TypeError, column2.Check("").Status);
        CollectionAssert.AreEqual(new[] { "", "NA" }, schema.MissingValues.ToArray());
    }

    [TestMethod]
    public void MissingValuesSkipTypeAndConstraints()
    {
        var field = SchemaKit.Field("{\"name\": \"x\", \"type\": \"integer\", \"constraints\": {\"minimum\": 0}}", "\"missingValues\": [\"-99\"]");
        var check = field.Check("-99");
        Assert.AreEqual(CellStatus.Missing, check.Status);
        Assert.IsNull(check.Number);
        Assert.IsNull(check.Key);
        Assert.AreEqual(CellStatus.TypeError, field.Check("").Status);
    }

    [TestMethod]
    public void EmptyListMeansNothingIsMissing()
    {
        var field = SchemaKit.Field("{\"name\": \"s\", \"type\": \"string\"}", "\"missingValues\": []");
        Assert.AreEqual(CellStatus.Valid, field.Check("").Status);
        Assert.AreEqual("", field.Check("").Key);
    }

    [TestMethod]
    public void V2ObjectsWithLabels()
    {
        var field = SchemaKit.Field(
            "{\"name\": \"n\", \"type\": \"number\"}",
            "\"missingValues\": [{\"value\": \"\", \"label\": \"OMITTED\"}, {\"value\": \"-99\", \"label\": \"REFUSED\"}]");
        Assert.AreEqual(CellStatus.Missing, field.Check("").Status);
        Assert.AreEqual(CellStatus.Missing, field.Check("-99").Status);
        Assert.AreEqual(CellStatus.Valid, field.Check("-98").Status);
    }

    [TestMethod]
    public void MissingValuesAreComparedExactly()
    {
        var field = SchemaKit.Field("{\"name\": \"n\", \"type\": \"number\", \"missingValues\": [\"NA\"]}");
        Assert.AreEqual(CellStatus.Missing, field.Check("NA").Status);
        Assert.AreEqual(CellStatus.TypeError, field.Check("na").Status);
        Assert.AreEqual(CellStatus.TypeError, field.Check(" NA").Status);
    }
}
