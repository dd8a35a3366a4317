using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class BooleanTypeTests
{
    [TestMethod]
    [DataRow("true", 1d)]
    [DataRow("True", 1d)]
    [DataRow("TRUE", 1d)]
    [DataRow("1", 1d)]
    [DataRow("false", 0d)]
    [DataRow("False", 0d)]
    [DataRow("FALSE", 0d)]
    [DataRow("0", 0d)]
    public void DefaultValues(string value, double expected)
    {
        var check = Typed("boolean").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number);
        Assert.AreEqual(expected == 1 ? "true" : "false", check.Key);
    }

    [TestMethod]
    [DataRow("yes")]
    [DataRow("tRuE")]
    [DataRow("t")]
    [DataRow("2")]
    [DataRow(" true")]
    public void InvalidBooleans(string value) => AssertTypeError(Typed("boolean"), value);

    [TestMethod]
    public void CustomValuesReplaceTheDefaults()
    {
        var field = Typed("boolean", "\"trueValues\": [\"yes\", \"Y\"], \"falseValues\": [\"no\", \"N\"]");
        Assert.AreEqual(1d, field.Check("yes").Number);
        Assert.AreEqual(1d, field.Check("Y").Number);
        Assert.AreEqual(0d, field.Check("no").Number);
        Assert.AreEqual(field.Check("Y").Key, field.Check("yes").Key);
        AssertTypeError(field, "true");
        AssertTypeError(field, "0");
        Assert.IsFalse(field.IsNumeric);
    }

    [TestMethod]
    public void MessageListsTheAcceptedValues()
    {
        var field = Field("{\"name\": \"ok\", \"type\": \"boolean\", \"trueValues\": [\"y\"], \"falseValues\": [\"n\"]}");
        Assert.AreEqual("field 'ok' value 'x' is not a valid boolean (true: 'y'; false: 'n').", field.Check("x").Message);
    }
}
