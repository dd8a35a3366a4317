using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

/// <summary>
/// Constraints are first tried through plain comparisons compiled at schema load; these are the values where a plain
/// comparison could wrongly let a cell through: on and next to exclusive bounds, NaN and infinities, negative zero,
/// integers beyond a long, surrogate pairs in a length, dates and years. Each must get the finding the full check gives.
/// </summary>
[TestClass]
public sealed class ConstraintShortcutTests
{
    [TestMethod]
    [DataRow("integer", "\"exclusiveMinimum\": 0, \"exclusiveMaximum\": 10", "1;9;+5;0009", "0;10;-1;99999999999999999999;-99999999999999999999")]
    [DataRow("integer", "\"minimum\": 9223372036854775807", "9223372036854775807", "9223372036854775806;-1")]
    [DataRow("integer", "\"maximum\": -9223372036854775808", "-9223372036854775808", "-9223372036854775807;0")]
    [DataRow("integer", "\"exclusiveMinimum\": 9223372036854775807", "9223372036854775808", "9223372036854775807;0")]
    [DataRow("integer", "\"minimum\": 99999999999999999999", "100000000000000000000", "99999999999999999998;0")]
    [DataRow("number", "\"minimum\": -1, \"maximum\": 1", "-1;1;-0;0;0.5;-1.0;1e0", "NaN;INF;-INF;1.0000000000000002;-1.0000000000000002;2")]
    [DataRow("number", "\"exclusiveMinimum\": 0", "5e-324;INF;1", "0;-0;-5e-324;NaN;-INF")]
    [DataRow("number", "\"exclusiveMaximum\": 0", "-5e-324;-INF", "0;-0;NaN;INF")]
    [DataRow("number", "\"minimum\": \"-INF\"", "-INF;0;INF", "NaN")]
    [DataRow("date", "\"minimum\": \"2000-01-01\", \"exclusiveMaximum\": \"2001-01-01\"", "2000-01-01;2000-12-31", "1999-12-31;2001-01-01")]
    [DataRow("year", "\"exclusiveMinimum\": 1999, \"maximum\": 2001", "2000;2001", "1999;2002")]
    [DataRow("string", "\"minLength\": 2, \"maxLength\": 3", "ab;abc;😀😀;😀😀😀", "a;abcd;😀;😀😀😀😀")]
    [DataRow("string", "\"maxLength\": 2, \"enum\": [\"ab\", \"c\"]", "ab;c", "abc;a;AB")]
    [DataRow("string", "\"pattern\": \"[a-z]+\", \"maxLength\": 3", "abc;a", "abcd;ABC;1")]
    [DataRow("number", "\"enum\": [1.5, 0], \"maximum\": 2", "1.5;1.50;0;-0", "1;3;NaN")]
    public void CellsOnEitherSideOfAConstraintGetTheFullChecksFinding(string type, string constraints, string valid, string invalid)
    {
        var field = Typed(type, $"\"constraints\": {{{constraints}}}");
        foreach (var value in valid.Split(';'))
        {
            AssertValid(field, value);
        }
        foreach (var value in invalid.Split(';'))
        {
            var check = field.Check(value);
            Assert.AreEqual(CellStatus.ConstraintError, check.Status, $"'{value}' should break {constraints}: {check.Message}");
            StringAssert.StartsWith(check.Message, $"field 'f' value '{value}' ");
        }
    }
}
