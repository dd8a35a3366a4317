using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

/// <summary>Checking cells of the common types allocates nothing unless a key is asked for: validation runs on GB files.</summary>
[TestClass]
public sealed class HotPathTests
{
    [TestMethod]
    [DataRow("number", null, "-12345.678e-2")]
    [DataRow("number", "\"decimalChar\": \",\", \"groupChar\": \".\"", "1.234.567,89")]
    [DataRow("number", "\"bareNumber\": false", "€ 95%")]
    [DataRow("integer", "\"constraints\": {\"minimum\": 0, \"maximum\": 100000}", "4567")]
    [DataRow("integer", null, "")]
    [DataRow("boolean", null, "FALSE")]
    [DataRow("string", "\"constraints\": {\"maxLength\": 10, \"enum\": [\"apple\", \"pear\"]}", "pear")]
    [DataRow("string", "\"constraints\": {\"maxLength\": 10}", "pear")]
    [DataRow("string", "\"constraints\": {\"enum\": [\"apple\", \"pear\"]}", "pear")]
    [DataRow("date", "\"constraints\": {\"minimum\": \"2000-01-01\"}", "2020-02-29")]
    [DataRow("date", "\"format\": \"%d/%m/%Y\"", "29/02/2020")]
    [DataRow("datetime", null, "2020-02-29T12:34:56.789+02:00")]
    [DataRow("time", null, "12:34:56")]
    [DataRow("year", null, "2020")]
    [DataRow("string", "\"constraints\": {\"pattern\": \"[a-z]+[0-9]*\"}", "abc123")]
    public void ChecksWithoutKeysDoNotAllocate(string type, string? properties, string value)
    {
        var field = Typed(type, properties);
        var span = value.AsSpan();
        for (var i = 0; i < 100; i++)
        {
            _ = field.Check(span, withKey: false);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = CellStatus.TypeError;
        for (var i = 0; i < 1000; i++)
        {
            status = field.Check(span, withKey: false).Status;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreNotEqual(CellStatus.TypeError, status);
        Assert.AreEqual(0, allocated, $"{type} allocated {allocated} bytes for 1000 cells");
    }
}
