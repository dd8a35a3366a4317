using System.Globalization;
using System.Text;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

/// <summary>
/// Number cells are cast with csFastFloat, not the runtime's parser: every value a user's data holds must come out as
/// the very double <c>double.Parse</c> (invariant) gives — profiles, keys, bounds and training depend on it — and every
/// cell Table Schema does not call a number must still be an error at its row and column.
/// </summary>
[TestClass]
public sealed class FastNumberParsingTests : TempFolderTest
{
    private static readonly string[] EdgeValues =
    [
        "0", "-0", "+0", "0.0", "-0.0", "-0e10", "0e-999", "00000.00000", ".0", "0.", "1", "-1", "+1",
        // Subnormals, the smallest normal, and the boundaries of rounding to zero.
        "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "3e-324",
        "2.2250738585072009e-308", "2.2250738585072011e-308", "2.2250738585072014e-308", "1e-310", "-1.5e-315", "1e-400",
        // The largest finite value and where rounding goes to infinity.
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.7976931348623157E+308", "1e309", "1e400",
        // 17 significant digits, halfway cases, and more digits than a double holds.
        "0.1", "0.30000000000000004", "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000001",
        "2.00000000000000011102230246251565404236316680908203125", "2.000000000000000111022302462515654042363166809082031250001",
        "1.00000000000000011102230246251565404236316680908203125", "123456789012345678901234567890", "3.1415926535897932384626433832795028841971",
        "7.3177701707893310e+15", "8.98846567431158e307", "4.4501477170144023e-308", "4.4501477170144022e-308",
        // Exponents: signs, cases, leading zeros, beyond any double.
        "1e0", "1E+0", "1e-0", "1e0000000000000000000000000001", "1e99999999999999999999", "1e-99999999999999999999",
        "0.000000000000000000000000000000000000000000001e45", "100000000000000000000000e-23", "1.5E-3", "-2E+2",
        "12678967.543233", "000835", "5.", ".5", "-.5e1", "+.5E-1",
        // The edges of the one-pass conversion (digits within 53 bits, a power of ten within ±22) and just past them.
        "9007199254740992e22", "9007199254740992e-22", "9007199254740993e22", "9007199254740993e-22", "1e22", "1e23", "1e-22",
        "1e-23", "-1.5e22", "4.5e-23", "1234567890123456789", "12345678901234567890", "0.00000000000000000000001234", "92.90",
        "-0.000", "0000000000000000000000000001.5", "1.0000000000000000000000000000", "17.5e+00021", "-17.5E-0021",
    ];

    [TestMethod]
    public void EdgeValuesGiveTheSameDoubleAsTheRuntime()
    {
        foreach (var text in EdgeValues.Concat([new string('9', 800), "0." + new string('0', 400) + "1", "1" + new string('0', 308), "1" + new string('0', 309)]))
        {
            AssertSameDouble(text);
        }
    }

    [TestMethod]
    public void RandomDoublesRoundTripBitForBit()
    {
        var random = new Random(20_261_201);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }
            // The shortest round-trip form, every 17-digit form, and fixed notation where it is not absurdly long.
            AssertSameDouble(value.ToString("R", CultureInfo.InvariantCulture));
            AssertSameDouble(value.ToString("E16", CultureInfo.InvariantCulture));
            AssertSameDouble(value.ToString("G17", CultureInfo.InvariantCulture));
            if (Math.Abs(value) is > 1e-20 and < 1e20)
            {
                AssertSameDouble(value.ToString("F" + random.Next(0, 25), CultureInfo.InvariantCulture));
            }
        }
    }

    [TestMethod]
    public void RandomDecimalTextRoundsAsTheRuntimeRounds()
    {
        // Digit strings as data holds them: up to 30 digits, a point anywhere, and exponents up and beyond the range.
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            text.Clear();
            if (random.Next(3) == 0)
            {
                text.Append(random.Next(2) == 0 ? '-' : '+');
            }
            var digits = random.Next(1, 31);
            var point = random.Next(-1, digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point)
                {
                    text.Append('.');
                }
                text.Append((char)('0' + random.Next(10)));
            }
            if (random.Next(2) == 0)
            {
                text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-360, 330));
            }
            AssertSameDouble(text.ToString());
        }
    }

    [TestMethod]
    [DataRow("{\"groupChar\": \",\"}", "12,345,678.901234567", "12345678.901234567")]
    [DataRow("{\"decimalChar\": \",\", \"groupChar\": \".\"}", "1.797.693,1348623157e302", "1797693.1348623157e302")]
    [DataRow("{\"bareNumber\": false}", "€ -4.9406564584124654e-324 ", "-4.9406564584124654e-324")]
    public void NumbersWithOptionsCastToTheSameDouble(string options, string cell, string invariant)
    {
        var check = Typed("number", options[1..^1]).Check(cell);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(double.Parse(invariant, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(check.Number!.Value), cell);
    }

    [TestMethod]
    [DataRow("0", 0L)]
    [DataRow("-0", 0L)]
    [DataRow("+7", 7L)]
    [DataRow("007", 7L)]
    [DataRow("999999999999999999", 999_999_999_999_999_999L)]
    [DataRow("-999999999999999999", -999_999_999_999_999_999L)]
    [DataRow("9223372036854775807", long.MaxValue)]
    [DataRow("-9223372036854775808", long.MinValue)]
    [DataRow("0000000000000000000000042", 42L)]
    public void IntegersReadInPlaceMatchTheGeneralPath(string cell, long expected)
    {
        var check = Typed("integer").Check(cell);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected.ToString(CultureInfo.InvariantCulture), check.Key);
        Assert.AreEqual((double)expected, check.Number);
    }

    [TestMethod]
    public void IntegersBeyondALongStayExact()
    {
        var check = Typed("integer").Check("-9223372036854775809");
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual("-9223372036854775809", check.Key);
    }

    /// <summary>Text the fast parser would read (fully or in part) but Table Schema does not call a number.</summary>
    [TestMethod]
    [DataRow("number", "Infinity")]
    [DataRow("number", "-infinity")]
    [DataRow("number", "nan1")]
    [DataRow("number", "1e")]
    [DataRow("number", "1e+")]
    [DataRow("number", "1.5f")]
    [DataRow("number", "1d")]
    [DataRow("number", "0x1p3")]
    [DataRow("number", "1;5")]
    [DataRow("number", "--1")]
    [DataRow("number", "+-1")]
    [DataRow("number", "-+1")]
    [DataRow("number", "1 2")]
    [DataRow("number", "٣")]
    [DataRow("number", "1e5.5")]
    [DataRow("integer", "1.0")]
    [DataRow("integer", "1e3")]
    [DataRow("integer", "+-5")]
    [DataRow("integer", "12a")]
    [DataRow("integer", "١٢")]
    public void TextThatIsNoNumberIsAnErrorAtItsCell(string type, string cell)
    {
        var file = Temp.Write("data.csv", $"id,value\n1,5\n2,{cell}\n3,6\n");
        var schemaFile = Temp.Write("data.schema.json", $$"""{ "fields": [ { "name": "id", "type": "integer" }, { "name": "value", "type": "{{type}}" } ] }""");
        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);
        var schema = SchemaLoading.Load(schemaFile, null, diagnostics);
        Assert.IsNotNull(schema, output.ToString());

        var summary = DatasetInspector.Inspect(new DatasetJob("data", file, ',', true, Temp.File("summary.json")), diagnostics, schema);

        Assert.IsNull(summary);
        var error = output.ToString().Split('\n').Single(l => l.Contains(": error ", StringComparison.Ordinal));
        StringAssert.StartsWith(error, $"{file}(3,2) : error RB2010:");
    }

    private static void AssertSameDouble(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.IsTrue(InvariantDouble.TryParse(text, out var fast), text);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast), $"'{text}': {expected:R} from the runtime, {fast:R} from the fast parser");

        // And through the schema's number type, grammar first.
        var check = Typed("number").Check(text);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(check.Number!.Value), text);
    }
}
