using System.Globalization;
using System.Text;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests.Csv;

/// <summary>
/// Without a schema, number cells are read as floats (inspection, training and test-time evaluation alike), the common
/// cell converted in the pass that reads its digits: every cell must come out as the very float the runtime's parser
/// gives (invariant, spaces allowed, no control character), and every cell it refuses must still be refused.
/// </summary>
[TestClass]
public sealed class DefaultNumberParsingTests
{
    private static readonly string[] EdgeValues =
    [
        "0", "-0", "+0", "0.0", "-0.0", ".5", "5.", "-.5", "+.5e1", "1.e5", "1", "-1", "000835", "92.90", "-2.471",
        // The edges of the one-pass conversion (digits within 24 bits, a power of ten within ±10) and just past them.
        "16777216", "16777217", "16777216e10", "16777217e-10", "16777216e-10", "1e10", "1e11", "1e-10", "1e-11",
        "0.1", "0.2", "0.3", "3.4028235e38", "3.4028236e38", "1e39", "1.4e-45", "1e-46", "0.000000000000000000000000000001",
        "1234567890123456789", "12345678901234567890", "0.16777217", "8388608.5", "8388609.5", "33554431", "33554433",
        // Not the plain grammar: the runtime's parser decides, as before.
        " 7", "7 ", "7\0", "7\t", "1e", "e1", ".", "-", "+", "", "--1", "1..2", "1e+", "NaN", "Infinity", "-Infinity", "∞",
        "1,5", "0x10", "1_000", "1e5.5",
    ];

    [TestMethod]
    public void EdgeValuesGiveTheRuntimesFloat()
    {
        foreach (var text in EdgeValues)
        {
            AssertSameFloat(text);
        }
    }

    [TestMethod]
    public void RandomDecimalTextGivesTheRuntimesFloat()
    {
        // Digit strings as data holds them: up to 12 digits (most fit the fast path), a point anywhere, and exponents.
        var random = new Random(11);
        var text = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            text.Clear();
            if (random.Next(3) == 0)
            {
                text.Append(random.Next(2) == 0 ? '-' : '+');
            }
            var digits = random.Next(1, 13);
            var point = random.Next(-1, digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point)
                {
                    text.Append('.');
                }
                text.Append((char)('0' + random.Next(10)));
            }
            if (random.Next(3) == 0)
            {
                text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-50, 45));
            }
            AssertSameFloat(text.ToString());
        }
    }

    [TestMethod]
    public void RandomFloatsRoundTripBitForBit()
    {
        var random = new Random(3);
        for (var i = 0; i < 100_000; i++)
        {
            var value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            if (!float.IsFinite(value))
            {
                continue;
            }
            AssertSameFloat(value.ToString("R", CultureInfo.InvariantCulture));
            AssertSameFloat(value.ToString("G9", CultureInfo.InvariantCulture));
            if (Math.Abs(value) is > 1e-6f and < 1e9f)
            {
                AssertSameFloat(value.ToString("F" + random.Next(0, 8), CultureInfo.InvariantCulture));
            }
        }
    }

    private static void AssertSameFloat(string text)
    {
        var expected = 0f;
        var expectedOk = !CellText.HasControl(text) && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out expected);
        var ok = DelimitedFile.TryParseNumber(text, out var actual);
        Assert.AreEqual(expectedOk, ok, $"'{text}' accepted");
        if (ok)
        {
            Assert.AreEqual(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual), $"'{text}': {expected:R} against {actual:R}");
        }
    }
}
