using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class OtherTypeTests
{
    [TestMethod]
    [DataRow("2000", 2000d)]
    [DataRow("1999", 1999d)]
    [DataRow("0000", 0d)]
    public void ValidYears(string value, double expected)
    {
        var field = Typed("year");
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(expected, check.Number);
        Assert.IsTrue(field.IsNumeric);
    }

    [TestMethod]
    [DataRow("20000")]
    [DataRow("200")]
    [DataRow("-2000")]
    [DataRow("3.14")]
    [DataRow("year")]
    public void InvalidYears(string value) => AssertTypeError(Typed("year"), value);

    [TestMethod]
    [DataRow("2000-10", "2000-10")]
    [DataRow("1999-01", "1999-01")]
    [DataRow("2000-12", "2000-12")]
    public void ValidYearMonths(string value, string key)
    {
        var check = Typed("yearmonth").Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(key, check.Key);
        Assert.IsNull(check.Number);
    }

    [TestMethod]
    [DataRow("2000-13-20")]
    [DataRow("2000-13")]
    [DataRow("2000-00")]
    [DataRow("2000-0")]
    [DataRow("96777-8")]
    [DataRow("13")]
    [DataRow("3.14")]
    public void InvalidYearMonths(string value) => AssertTypeError(Typed("yearmonth"), value);

    [TestMethod]
    [DataRow("P1Y10M3DT5H11M7S")]
    [DataRow("P1Y")]
    [DataRow("P1M")]
    [DataRow("PT1S")]
    [DataRow("PT0.5S")]
    [DataRow("PT0,5S")]
    [DataRow("P3W")]
    [DataRow("P1DT12H")]
    [DataRow("-P1D")]
    [DataRow("P0D")]
    public void ValidDurations(string value) => AssertValid(Typed("duration"), value);

    [TestMethod]
    [DataRow("P1M1Y")]
    [DataRow("P-1Y")]
    [DataRow("P")]
    [DataRow("PT")]
    [DataRow("P1DT")]
    [DataRow("P1H")]
    [DataRow("1Y")]
    [DataRow("PT1.S")]
    [DataRow("year")]
    public void InvalidDurations(string value) => AssertTypeError(Typed("duration"), value);

    [TestMethod]
    public void DurationKeysCompareDaysAndHoursButNotMonthsAndDays()
    {
        var field = Typed("duration");
        Assert.AreEqual(field.Check("P1D").Key, field.Check("PT24H").Key);
        Assert.AreEqual(field.Check("P1W").Key, field.Check("P7D").Key);
        Assert.AreEqual(field.Check("P1Y").Key, field.Check("P12M").Key);
        Assert.AreNotEqual(field.Check("P1M").Key, field.Check("P30D").Key);
    }

    [TestMethod]
    [DataRow("object", "{}")]
    [DataRow("object", "{\"key\": \"value\"}")]
    [DataRow("object", " {\"a\": [1, 2]} ")]
    [DataRow("array", "[]")]
    [DataRow("array", "[\"key\", \"value\"]")]
    [DataRow("array", "[1, [2, 3], {\"a\": 4}]")]
    public void ValidJson(string type, string value) => AssertValid(Typed(type), value);

    [TestMethod]
    [DataRow("object", "[]")]
    [DataRow("object", "string")]
    [DataRow("object", "1")]
    [DataRow("object", "{\"a\": 1")]
    [DataRow("object", "{} {}")]
    [DataRow("array", "{}")]
    [DataRow("array", "string")]
    [DataRow("array", "[1,]")]
    public void InvalidJson(string type, string value) => AssertTypeError(Typed(type), value);

    [TestMethod]
    public void JsonKeysIgnoreWhitespace()
    {
        var field = Typed("object");
        Assert.AreEqual(field.Check("{\"a\":1}").Key, field.Check("{ \"a\" : 1 }").Key);
    }

    [TestMethod]
    [DataRow(null, "a,b,c")]
    [DataRow(null, "single")]
    [DataRow("\"itemType\": \"integer\"", "1,2,3")]
    [DataRow("\"itemType\": \"number\", \"delimiter\": \";\"", "1.5;2;-3e2")]
    [DataRow("\"itemType\": \"boolean\"", "true,false,1")]
    [DataRow("\"itemType\": \"date\", \"delimiter\": \" | \"", "2020-01-01 | 2021-02-03")]
    public void ValidLists(string? options, string value) => AssertValid(Typed("list", options), value);

    [TestMethod]
    [DataRow("\"itemType\": \"integer\"", "1,2,x")]
    [DataRow("\"itemType\": \"integer\"", "1,,3")]
    [DataRow("\"itemType\": \"date\"", "2020-01-01;2021-02-03")]
    public void InvalidLists(string options, string value) => AssertTypeError(Typed("list", options), value);

    [TestMethod]
    [DataRow("default", "90, 45")]
    [DataRow("default", "90.50,45.50")]
    [DataRow("default", "-180, -90")]
    [DataRow("array", "[90, 45]")]
    [DataRow("array", "[90.5, -45.5]")]
    [DataRow("object", "{\"lon\": 90, \"lat\": 45}")]
    [DataRow("object", "{\"lat\": 45, \"lon\": 90}")]
    public void ValidGeopoints(string format, string value) => AssertValid(Typed("geopoint", $"\"format\": \"{format}\""), value);

    [TestMethod]
    [DataRow("default", "181, 45")]
    [DataRow("default", "90, 91")]
    [DataRow("default", "90")]
    [DataRow("default", "a, b")]
    [DataRow("array", "[90]")]
    [DataRow("array", "[90, 45, 1]")]
    [DataRow("array", "[\"90\", \"45\"]")]
    [DataRow("array", "90, 45")]
    [DataRow("object", "{\"lon\": 90}")]
    [DataRow("object", "{\"lon\": 90, \"lat\": 45, \"alt\": 1}")]
    [DataRow("object", "{\"lon\": 200, \"lat\": 45}")]
    public void InvalidGeopoints(string format, string value) => AssertTypeError(Typed("geopoint", $"\"format\": \"{format}\""), value);

    [TestMethod]
    public void GeopointKeysCompareCoordinates()
    {
        var field = Typed("geopoint");
        Assert.AreEqual(field.Check("90, 45").Key, field.Check("90.0,45.00").Key);
    }

    [TestMethod]
    [DataRow("default", "{\"type\": \"Point\", \"coordinates\": [125.6, 10.1]}")]
    [DataRow("default", "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {}}")]
    [DataRow("default", "{\"type\": \"FeatureCollection\", \"features\": []}")]
    [DataRow("topojson", "{\"type\": \"Topology\", \"objects\": {}, \"arcs\": []}")]
    public void ValidGeoJson(string format, string value) => AssertValid(Typed("geojson", $"\"format\": \"{format}\""), value);

    [TestMethod]
    [DataRow("default", "{\"type\": \"Topology\"}")]
    [DataRow("default", "{\"type\": \"Circle\"}")]
    [DataRow("default", "{\"coordinates\": [1, 2]}")]
    [DataRow("default", "[1, 2]")]
    [DataRow("default", "string")]
    [DataRow("topojson", "{\"type\": \"Point\", \"coordinates\": [1, 2]}")]
    public void InvalidGeoJson(string format, string value) => AssertTypeError(Typed("geojson", $"\"format\": \"{format}\""), value);
}
