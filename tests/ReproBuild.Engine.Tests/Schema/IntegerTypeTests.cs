using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class IntegerTypeTests
{
    [TestMethod]
    [DataRow("1", 1d)]
    [DataRow("000835", 835d)]
    [DataRow("0", 0d)]
    [DataRow("00", 0d)]
    [DataRow("01", 1d)]
    [DataRow(" 01 ", 1d)]
    [DataRow("-1000", -1000d)]
    [DataRow("+7", 7d)]
    [DataRow("9223372036854775807", 9223372036854775807d)]
    public void ValidIntegers(string value, double expected)
    {
        var check = Typed("integer").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number);
    }

    [TestMethod]
    [DataRow("0.0003")]
    [DataRow("3.14")]
    [DataRow("1.0")]
    [DataRow("1e3")]
    [DataRow("string")]
    [DataRow("1,000")]
    [DataRow("NaN")]
    [DataRow("INF")]
    [DataRow("1$")]
    [DataRow("- 1")]
    public void InvalidIntegers(string value) => AssertTypeError(Typed("integer"), value);

    /// <summary>A control character makes a value no integer wherever it stands, bare or not (see <see cref="NumberTypeTests"/>).</summary>
    [TestMethod]
    [DataRow("")]
    [DataRow("\"groupChar\": \",\"")]
    [DataRow("\"bareNumber\": false")]
    public void ControlCharactersMakeAValueNoInteger(string options)
    {
        var field = options.Length == 0 ? Typed("integer") : Typed("integer", options);
        foreach (var value in SevensWithControlCharacters)
        {
            AssertTypeError(field, value);
        }
        AssertValid(field, " 7 ");
    }

    [TestMethod]
    [DataRow("{\"bareNumber\": false}", "1$", 1d)]
    [DataRow("{\"bareNumber\": false}", "ab1$", 1d)]
    [DataRow("{\"bareNumber\": false}", "-12 €", -12d)]
    [DataRow("{\"bareNumber\": false}", "€-12", -12d)]
    [DataRow("{\"bareNumber\": false}", "€ -12", -12d)]
    [DataRow("{\"bareNumber\": false}", "00", 0d)]
    [DataRow("{\"groupChar\": \",\"}", "1,000,000", 1000000d)]
    [DataRow("{\"groupChar\": \"'\"}", "1'000", 1000d)]
    [DataRow("{\"groupChar\": \" \", \"bareNumber\": false}", "€ 1 000", 1000d)]
    public void Options(string options, string value, double expected)
    {
        var check = Typed("integer", options[1..^1]).Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number);
    }

    [TestMethod]
    public void BigIntegersAreIntegers()
    {
        var field = Typed("integer");
        var check = field.Check("123456789012345678901234567890");
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual("123456789012345678901234567890", check.Key);
        Assert.AreEqual(1.2345678901234568e29, check.Number!.Value, 1e15);
    }

    [TestMethod]
    public void KeysAreCanonical()
    {
        var field = Typed("integer");
        Assert.AreEqual("1", field.Check("001").Key);
        Assert.AreEqual("1", field.Check("+1").Key);
        Assert.AreEqual("0", field.Check("-0").Key);
        Assert.AreEqual("-5", field.Check("-5").Key);
    }

    [TestMethod]
    public void IntegerIsNumeric() => Assert.IsTrue(Typed("integer").IsNumeric);

    [TestMethod]
    public void DecimalCharDoesNotApplyToIntegersAndWarns()
    {
        using var folder = new TempFolder();
        var load = SchemaKit.Load(folder, "{\"fields\": [{\"name\": \"n\", \"type\": \"integer\", \"decimalChar\": \",\"}]}");
        Assert.IsNotNull(load.Schema);
        Assert.HasCount(1, load.Warnings, load.Output);
        Assert.AreEqual(ErrorCodes.UnsupportedSchemaProperty, load.Warnings[0].Code);
        Assert.AreEqual("fields[0].decimalChar does not apply to a field of type integer and is ignored.", load.Warnings[0].Message);
    }
}
