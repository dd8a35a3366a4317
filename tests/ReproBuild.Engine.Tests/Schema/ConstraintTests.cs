using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class ConstraintTests
{
    private static SchemaField Constrained(string type, string constraints, string name = "f") =>
        Field($"{{\"name\": \"{name}\", \"type\": \"{type}\", \"constraints\": {{{constraints}}}}}");

    [TestMethod]
    public void RequiredAndUniqueAreFlagsNotCellChecks()
    {
        var field = Constrained("integer", "\"required\": true, \"unique\": true");
        Assert.IsTrue(field.Required);
        Assert.IsTrue(field.Unique);
        Assert.AreEqual(CellStatus.Missing, field.Check("").Status);
        Assert.IsNull(field.Check("").Key);
        Assert.IsNull(field.Check("").Code);
        Assert.AreEqual(CellStatus.Valid, field.Check("1").Status);
        var plain = Typed("integer");
        Assert.IsFalse(plain.Required);
        Assert.IsFalse(plain.Unique);
    }

    [TestMethod]
    public void PrimaryKeyFieldsAreRequired()
    {
        using var folder = new TempFolder();
        var schema = SchemaKit.Load(folder, "{\"fields\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"x\"}], \"primaryKey\": [\"id\"]}").Clean();
        Assert.IsTrue(schema.Fields[0].Required);
        Assert.IsFalse(schema.Fields[1].Required);
    }

    [TestMethod]
    public void MinimumAndMaximumOnIntegers()
    {
        var field = Constrained("integer", "\"minimum\": 0, \"maximum\": 150", name: "age");
        AssertValid(field, "0");
        AssertValid(field, "150");
        var below = AssertConstraintError(field, "-3", ErrorCodes.RangeViolation);
        Assert.AreEqual("field 'age' value '-3' is below minimum 0.", below.Message);
        Assert.AreEqual(-3d, below.Number);
        Assert.AreEqual("-3", below.Key);
        var above = AssertConstraintError(field, "151", ErrorCodes.RangeViolation);
        Assert.AreEqual("field 'age' value '151' is above maximum 150.", above.Message);
    }

    [TestMethod]
    public void ExclusiveBounds()
    {
        var field = Constrained("number", "\"exclusiveMinimum\": 0, \"exclusiveMaximum\": 1");
        AssertValid(field, "0.5");
        AssertValid(field, "1e-9");
        Assert.AreEqual("field 'f' value '0' is not above exclusiveMinimum 0.", AssertConstraintError(field, "0", ErrorCodes.RangeViolation).Message);
        Assert.AreEqual("field 'f' value '1.0' is not below exclusiveMaximum 1.", AssertConstraintError(field, "1.0", ErrorCodes.RangeViolation).Message);
        AssertConstraintError(field, "-INF", ErrorCodes.RangeViolation);
        AssertConstraintError(field, "NaN", ErrorCodes.RangeViolation);
    }

    [TestMethod]
    public void BoundsGivenAsStringsAreCastWithTheFieldsOptions()
    {
        var field = Field("{\"name\": \"p\", \"type\": \"number\", \"decimalChar\": \",\", \"constraints\": {\"minimum\": \"1,5\"}}");
        AssertValid(field, "1,5");
        Assert.AreEqual("field 'p' value '1,4' is below minimum 1,5.", AssertConstraintError(field, "1,4", ErrorCodes.RangeViolation).Message);
    }

    [TestMethod]
    [DataRow("date", "", "\"minimum\": \"2020-01-01\", \"maximum\": \"2020-12-31\"", "2020-06-01", "2019-12-31", "2021-01-01")]
    [DataRow("date", "\"format\": \"%d/%m/%Y\", ", "\"minimum\": \"01/01/2020\"", "01/01/2020", "31/12/2019", null)]
    [DataRow("time", "", "\"minimum\": \"08:00:00\", \"exclusiveMaximum\": \"17:00:00\"", "16:59:59", "07:59:59", "17:00:00")]
    [DataRow("datetime", "", "\"maximum\": \"2020-01-01T00:00:00Z\"", "2020-01-01T01:00:00+01:00", null, "2020-01-01T00:00:01Z")]
    [DataRow("year", "", "\"minimum\": 2000, \"maximum\": \"2010\"", "2005", "1999", "2011")]
    [DataRow("yearmonth", "", "\"minimum\": \"2020-02\"", "2020-02", "2020-01", null)]
    [DataRow("duration", "", "\"minimum\": \"PT1H\", \"maximum\": \"P1D\"", "PT90M", "PT59M", "P1DT1S")]
    [DataRow("integer", "", "\"minimum\": 5.0, \"exclusiveMaximum\": \"10\"", "9", "4", "10")]
    public void BoundsCompareInTheTypesDomain(string type, string format, string constraints, string inside, string? below, string? above)
    {
        var field = Field($"{{\"name\": \"f\", \"type\": \"{type}\", {format}\"constraints\": {{{constraints}}}}}");
        AssertValid(field, inside);
        if (below is not null)
        {
            AssertConstraintError(field, below, ErrorCodes.RangeViolation);
        }
        if (above is not null)
        {
            AssertConstraintError(field, above, ErrorCodes.RangeViolation);
        }
    }

    [TestMethod]
    public void MinLengthAndMaxLengthCountCharacters()
    {
        var field = Constrained("string", "\"minLength\": 2, \"maxLength\": 3", name: "code");
        AssertValid(field, "ab");
        AssertValid(field, "abc");
        AssertValid(field, "a😀");
        Assert.AreEqual("field 'code' value 'a' is shorter than minLength 2 (1 character).", AssertConstraintError(field, "a", ErrorCodes.LengthViolation).Message);
        Assert.AreEqual("field 'code' value 'abcd' is longer than maxLength 3 (4 characters).", AssertConstraintError(field, "abcd", ErrorCodes.LengthViolation).Message);
    }

    [TestMethod]
    public void LengthOfCollectionsCountsItems()
    {
        AssertConstraintError(Constrained("array", "\"minLength\": 2"), "[1]", ErrorCodes.LengthViolation);
        AssertValid(Constrained("array", "\"minLength\": 2"), "[1, [2, 3]]");
        AssertConstraintError(Constrained("object", "\"maxLength\": 1"), "{\"a\": 1, \"b\": {\"c\": 2}}", ErrorCodes.LengthViolation);
        var list = Field("{\"name\": \"tags\", \"type\": \"list\", \"constraints\": {\"maxLength\": 2}}");
        AssertValid(list, "a,b");
        Assert.AreEqual("field 'tags' value 'a,b,c' is longer than maxLength 2 (3 items).", AssertConstraintError(list, "a,b,c", ErrorCodes.LengthViolation).Message);
    }

    [TestMethod]
    public void PatternIsAnchoredToTheWholeValue()
    {
        var field = Constrained("string", "\"pattern\": \"a\"", name: "x");
        AssertValid(field, "a");
        Assert.AreEqual("field 'x' value 'ab' does not match pattern 'a'.", AssertConstraintError(field, "ab", ErrorCodes.PatternViolation).Message);
        AssertConstraintError(field, "ba", ErrorCodes.PatternViolation);
        AssertConstraintError(field, "a\n", ErrorCodes.PatternViolation);
    }

    [TestMethod]
    public void PatternAlternativesAreAllAnchored()
    {
        var field = Constrained("string", "\"pattern\": \"a|b\"");
        AssertValid(field, "a");
        AssertValid(field, "b");
        AssertConstraintError(field, "ab", ErrorCodes.PatternViolation);
        AssertConstraintError(field, "xb", ErrorCodes.PatternViolation);
    }

    [TestMethod]
    public void PatternsWithAnchorsAndBackreferencesWork()
    {
        AssertValid(Constrained("string", "\"pattern\": \"^a.*$\""), "apple");
        AssertConstraintError(Constrained("string", "\"pattern\": \"^a.*$\""), "orange", ErrorCodes.PatternViolation);
        var repeated = Constrained("string", "\"pattern\": \"(\\\\w)\\\\1\"");
        AssertValid(repeated, "aa");
        AssertConstraintError(repeated, "ab", ErrorCodes.PatternViolation);
    }

    [TestMethod]
    public void EnumOfNumbersComparesNumerically()
    {
        var field = Constrained("number", "\"enum\": [1, 2.5, \"3\"]", name: "n");
        AssertValid(field, "1");
        AssertValid(field, "1.0");
        AssertValid(field, "+1.000");
        AssertValid(field, "2.50");
        AssertValid(field, "3.0");
        Assert.AreEqual("field 'n' value '4' is not one of the enum values '1', '2.5', '3'.", AssertConstraintError(field, "4", ErrorCodes.EnumViolation).Message);
    }

    [TestMethod]
    public void EnumOfIntegersDatesAndBooleansCompareLogically()
    {
        var integers = Constrained("integer", "\"enum\": [1, 2]");
        AssertValid(integers, "01");
        AssertConstraintError(integers, "3", ErrorCodes.EnumViolation);
        var dates = Field("{\"name\": \"d\", \"type\": \"date\", \"format\": \"%d/%m/%Y\", \"constraints\": {\"enum\": [\"01/02/2020\"]}}");
        AssertValid(dates, "1/2/2020");
        AssertConstraintError(dates, "02/01/2020", ErrorCodes.EnumViolation);
        var booleans = Constrained("boolean", "\"enum\": [true]");
        AssertValid(booleans, "1");
        AssertValid(booleans, "TRUE");
        AssertConstraintError(booleans, "false", ErrorCodes.EnumViolation);
    }

    [TestMethod]
    public void EnumOfStringsComparesOrdinally()
    {
        var field = Constrained("string", "\"enum\": [\"apple\", \"Äpfel\"]");
        AssertValid(field, "apple");
        AssertValid(field, "Äpfel");
        AssertConstraintError(field, "Apple", ErrorCodes.EnumViolation);
        AssertConstraintError(field, "apple ", ErrorCodes.EnumViolation);
    }

    [TestMethod]
    public void CategoriesAsValues()
    {
        var field = Field("{\"name\": \"fruit\", \"type\": \"string\", \"categories\": [\"apple\", \"orange\", \"banana\"]}");
        AssertValid(field, "orange");
        Assert.AreEqual(
            "field 'fruit' value 'kiwi' is not one of the categories 'apple', 'orange', 'banana'.",
            AssertConstraintError(field, "kiwi", ErrorCodes.EnumViolation).Message);
    }

    [TestMethod]
    public void CategoriesAsObjectsWithLabels()
    {
        var field = Field("""
            {"name": "level", "type": "integer", "categoriesOrdered": true,
             "categories": [{"value": 1, "label": "Strongly Disagree"}, {"value": 2}, {"value": 3, "label": "Strongly Agree"}]}
            """);
        AssertValid(field, "1");
        AssertValid(field, "03");
        AssertConstraintError(field, "4", ErrorCodes.EnumViolation);
        AssertTypeError(field, "Strongly Agree");
    }

    [TestMethod]
    public void TheFirstFailingConstraintIsReported()
    {
        var field = Constrained("string", "\"maxLength\": 3, \"pattern\": \"[a-z]+\", \"enum\": [\"abc\"]");
        AssertConstraintError(field, "ABCDE", ErrorCodes.LengthViolation);
        AssertConstraintError(field, "ABC", ErrorCodes.PatternViolation);
        AssertConstraintError(field, "abd", ErrorCodes.EnumViolation);
        AssertValid(field, "abc");
    }

    [TestMethod]
    public void TypeErrorsSkipConstraints()
    {
        var field = Constrained("integer", "\"minimum\": 10");
        var check = field.Check("abc");
        Assert.AreEqual(CellStatus.TypeError, check.Status);
        Assert.AreEqual(ErrorCodes.FieldTypeError, check.Code);
    }

    [TestMethod]
    public void KeysCanBeSkipped()
    {
        var field = Typed("number");
        var check = field.Check("1.5", withKey: false);
        Assert.AreEqual(CellStatus.Valid, check.Status);
        Assert.IsNull(check.Key);
        Assert.AreEqual(1.5, check.Number);
    }
}
