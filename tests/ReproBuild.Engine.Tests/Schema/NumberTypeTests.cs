using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class NumberTypeTests
{
    [TestMethod]
    [DataRow("1", 1d)]
    [DataRow("10.00", 10d)]
    [DataRow("10.50", 10.5)]
    [DataRow("-1.23", -1.23)]
    [DataRow("12678967.543233", 12678967.543233)]
    [DataRow("+100000.00", 100000d)]
    [DataRow("210", 210d)]
    [DataRow("000835", 835d)]
    [DataRow("00", 0d)]
    [DataRow(" 01 ", 1d)]
    [DataRow("0.003", 0.003)]
    [DataRow(".5", 0.5)]
    [DataRow("5.", 5d)]
    [DataRow("1E3", 1000d)]
    [DataRow("1.5e-3", 0.0015)]
    [DataRow("-2E+2", -200d)]
    [DataRow("INF", double.PositiveInfinity)]
    [DataRow("inf", double.PositiveInfinity)]
    [DataRow("-INF", double.NegativeInfinity)]
    public void ValidNumbers(string value, double expected)
    {
        var check = Typed("number").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number);
    }

    [TestMethod]
    [DataRow("NaN")]
    [DataRow("nan")]
    public void NaNIsANumber(string value)
    {
        var check = Typed("number").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status);
        Assert.IsTrue(double.IsNaN(check.Number!.Value));
        Assert.AreEqual("NaN", check.Key);
    }

    [TestMethod]
    [DataRow("10,000a.00")]
    [DataRow("10+000.00")]
    [DataRow("$10:000.00")]
    [DataRow("string")]
    [DataRow("1,000")]
    [DataRow("1.2.3")]
    [DataRow("1e")]
    [DataRow("e5")]
    [DataRow("-")]
    [DataRow(".")]
    [DataRow("0x10")]
    [DataRow("1_000")]
    [DataRow("Infinity")]
    [DataRow("€95")]
    [DataRow("95%")]
    public void InvalidNumbers(string value) => AssertTypeError(Typed("number"), value);

    [TestMethod]
    [DataRow("{\"groupChar\": \",\"}", "1,000", 1000d)]
    [DataRow("{\"groupChar\": \",\"}", "10,000,000.50", 10000000.5)]
    [DataRow("{\"groupChar\": \"#\"}", "10#000.00", 10000d)]
    [DataRow("{\"groupChar\": \"#\"}", "10.50", 10.5)]
    [DataRow("{\"groupChar\": \"#\", \"decimalChar\": \"@\"}", "10#000#000@50", 10000000.5)]
    [DataRow("{\"groupChar\": \".\", \"decimalChar\": \",\"}", "10.000.000,00", 10000000d)]
    [DataRow("{\"groupChar\": \".\", \"decimalChar\": \",\"}", "8.699,8", 8699.8)]
    [DataRow("{\"groupChar\": \" \", \"decimalChar\": \",\"}", "10 000 000,00", 10000000d)]
    [DataRow("{\"decimalChar\": \",\"}", "1,5", 1.5)]
    [DataRow("{\"bareNumber\": false}", "-12.3 €", -12.3)]
    [DataRow("{\"bareNumber\": false}", "€-12.3", -12.3)]
    [DataRow("{\"bareNumber\": false}", "€ -12.3", -12.3)]
    [DataRow("{\"bareNumber\": false}", "100%", 100d)]
    [DataRow("{\"bareNumber\": false}", "1000‰", 1000d)]
    [DataRow("{\"bareNumber\": false}", "$10000.00", 10000d)]
    [DataRow("{\"bareNumber\": false}", "EUR 95", 95d)]
    [DataRow("{\"groupChar\": \",\", \"bareNumber\": false}", "  10,000.00 €", 10000d)]
    [DataRow("{\"groupChar\": \" \", \"decimalChar\": \",\", \"bareNumber\": false}", "  10 000,00 £", 10000d)]
    [DataRow("{\"decimalChar\": \",\", \"bareNumber\": false}", "1234.", 1234d)]
    public void Options(string options, string value, double expected)
    {
        var field = Typed("number", options[1..^1]);
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number!.Value, 1e-9);
    }

    [TestMethod]
    [DataRow("{\"decimalChar\": \",\"}", "1.234")]
    [DataRow("{\"decimalChar\": \",\", \"bareNumber\": false}", "1.234.")]
    [DataRow("{\"groupChar\": \",\"}", ",100")]
    [DataRow("{\"groupChar\": \",\"}", "1,,000")]
    [DataRow("{\"groupChar\": \",\"}", "100,")]
    public void OptionsStillReject(string options, string value) => AssertTypeError(Typed("number", options[1..^1]), value);

    /// <summary>
    /// A control character makes a value no number wherever it stands and whatever the options: not ignored at the
    /// end as .NET's parser ignores NULs, not trimmed as white space, not stripped as text around a bareNumber.
    /// </summary>
    [TestMethod]
    [DataRow("")]
    [DataRow("\"groupChar\": \",\"")]
    [DataRow("\"decimalChar\": \",\"")]
    [DataRow("\"bareNumber\": false")]
    public void ControlCharactersMakeAValueNoNumber(string options)
    {
        var field = options.Length == 0 ? Typed("number") : Typed("number", options);
        foreach (var value in SevensWithControlCharacters)
        {
            AssertTypeError(field, value);
        }
        AssertValid(field, " 7 ");
    }

    [TestMethod]
    public void TypeErrorMessageMentionsTheOptions()
    {
        var check = Field("{\"name\": \"price\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}").Check("1,2,3");
        Assert.AreEqual("field 'price' value '1,2,3' is not a valid number (decimalChar ',', groupChar '.').", check.Message);
    }

    [TestMethod]
    public void KeysAreCanonical()
    {
        var field = Typed("number");
        Assert.AreEqual(field.Check("1").Key, field.Check("1.0").Key);
        Assert.AreEqual(field.Check("1").Key, field.Check("+1.000").Key);
        Assert.AreEqual(field.Check("100").Key, field.Check("1e2").Key);
        Assert.AreEqual(field.Check("0").Key, field.Check("-0.0").Key);
        Assert.AreNotEqual(field.Check("1").Key, field.Check("1.5").Key);
        Assert.AreEqual("1.5", field.Check("1.50").Key);
    }

    [TestMethod]
    public void NumberIsNumeric() => Assert.IsTrue(Typed("number").IsNumeric);

    [TestMethod]
    public void VeryLongNumbersParse()
    {
        var value = "1" + new string('0', 300);
        var check = Typed("number", "\"groupChar\": \",\"").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(1e300, check.Number!.Value, 1e286);
    }
}
