using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class TemporalTypeTests
{
    private static SchemaField Temporal(string type, string format) => Typed(type, $"\"format\": \"{format}\"");

    [TestMethod]
    [DataRow("date", "default", "2019-01-01", "2019-01-01")]
    [DataRow("date", "default", "2020-02-29", "2020-02-29")]
    [DataRow("date", "%d/%m/%y", "21/11/06", "2006-11-21")]
    [DataRow("date", "%d/%m/%Y", "5/3/2020", "2020-03-05")]
    [DataRow("date", "%d/%m/%Y", "05/03/2020", "2020-03-05")]
    [DataRow("date", "%Y%m%d", "20200305", "2020-03-05")]
    [DataRow("date", "%d %b %Y", "5 Mar 2020", "2020-03-05")]
    [DataRow("date", "%d %B %Y", "5 march 2020", "2020-03-05")]
    [DataRow("date", "%B %d, %Y", "March 5, 2020", "2020-03-05")]
    [DataRow("date", "%Y-%j", "2020-366", "2020-12-31")]
    [DataRow("date", "%y", "68", "2068-01-01")]
    [DataRow("date", "%y", "69", "1969-01-01")]
    [DataRow("date", "fmt:%d/%m/%Y", "21/11/2006", "2006-11-21")]
    [DataRow("date", "day %d of %m, %Y", "day 1 of 02, 2003", "2003-02-01")]
    [DataRow("date", "%a %d %b %Y", "Thu 05 Mar 2020", "2020-03-05")]
    [DataRow("date", "%x", "03/05/20", "2020-03-05")]
    [DataRow("date", "any", "2019-01-01", "2019-01-01")]
    [DataRow("date", "any", "10th Jan 1969", "1969-01-10")]
    [DataRow("date", "any", "Jan 10, 1969", "1969-01-10")]
    [DataRow("date", "any", "01/31/2014", "2014-01-31")]
    [DataRow("date", "any", "31/01/2014", "2014-01-31")]
    [DataRow("date", "any", "2014/01/31", "2014-01-31")]
    [DataRow("date", "any", "31.01.2014", "2014-01-31")]
    [DataRow("date", "any", "20140131", "2014-01-31")]
    [DataRow("date", "any", "Friday, 31 January 2014", "2014-01-31")]
    [DataRow("date", "any", "Sept 3 2001", "2001-09-03")]
    [DataRow("time", "default", "06:00:00", "06:00:00")]
    [DataRow("time", "default", "23:59:59.123", "23:59:59.123")]
    [DataRow("time", "default", "06:00:00Z", "06:00:00Z")]
    [DataRow("time", "default", "06:00:00+01:00", "05:00:00Z")]
    [DataRow("time", "default", "06:00:00-0130", "07:30:00Z")]
    [DataRow("time", "%H:%M", "06:00", "06:00:00")]
    [DataRow("time", "%H:%M", "6:05", "06:05:00")]
    [DataRow("time", "%I:%M %p", "12:30 AM", "00:30:00")]
    [DataRow("time", "%I:%M %p", "12:30 pm", "12:30:00")]
    [DataRow("time", "%I:%M %p", "1:30 PM", "13:30:00")]
    [DataRow("time", "%H:%M:%S.%f", "10:11:12.5", "10:11:12.5")]
    [DataRow("time", "%H%M%S", "101112", "10:11:12")]
    [DataRow("time", "any", "06:00:00", "06:00:00")]
    [DataRow("time", "any", "06:00:00Z", "06:00:00Z")]
    [DataRow("time", "any", "3:00 am", "03:00:00")]
    [DataRow("time", "any", "3 pm", "15:00:00")]
    [DataRow("time", "any", "12:15 a.m.", "00:15:00")]
    [DataRow("datetime", "default", "2014-01-01T06:00:00", "2014-01-01T06:00:00")]
    [DataRow("datetime", "default", "2014-01-01T06:00:00Z", "2014-01-01T06:00:00Z")]
    [DataRow("datetime", "default", "2014-01-01T06:00:00+01:00", "2014-01-01T05:00:00Z")]
    [DataRow("datetime", "default", "2024-01-26T15:00:00.300-05:00", "2024-01-26T20:00:00.3Z")]
    [DataRow("datetime", "default", "2014-01-01T00:30:00+01:00", "2013-12-31T23:30:00Z")]
    [DataRow("datetime", "%d/%m/%y %H:%M", "21/11/06 16:30", "2006-11-21T16:30:00")]
    [DataRow("datetime", "%d/%m/%Y %H:%M:%S", "12/11/2018 09:15:32", "2018-11-12T09:15:32")]
    [DataRow("datetime", "%Y-%m-%d %H:%M:%S%z", "2020-01-01 10:00:00+0200", "2020-01-01T08:00:00Z")]
    [DataRow("datetime", "%Y-%m-%d %H:%M:%S %Z", "2020-01-01 10:00:00 UTC", "2020-01-01T10:00:00")]
    [DataRow("datetime", "%d%m%Y%H%M", "1122020930", "2020-02-11T09:30:00")]
    [DataRow("datetime", "%c", "Sun Mar 01 10:00:00 2020", "2020-03-01T10:00:00")]
    [DataRow("datetime", "any", "2014-01-01T06:00:00", "2014-01-01T06:00:00")]
    [DataRow("datetime", "any", "2014-01-01T06:00:00Z", "2014-01-01T06:00:00Z")]
    [DataRow("datetime", "any", "10th Jan 1969 9 am", "1969-01-10T09:00:00")]
    [DataRow("datetime", "any", "Mon 1st Jan 2014 9 pm", "2014-01-01T21:00:00")]
    [DataRow("datetime", "any", "2014-01-01 06:00", "2014-01-01T06:00:00")]
    [DataRow("datetime", "any", "01/31/2014 3:04:05 PM", "2014-01-31T15:04:05")]
    [DataRow("datetime", "any", "2014-01-31", "2014-01-31T00:00:00")]
    [DataRow("datetime", "any", "31 Jan 2014 10:00 GMT", "2014-01-31T10:00:00Z")]
    [DataRow("datetime", "any", "2014-01-31 10:00:00 -05:00", "2014-01-31T15:00:00Z")]
    public void ValidTemporals(string type, string format, string value, string key)
    {
        var field = Temporal(type, format);
        var check = field.Check(value);
        Assert.AreEqual(CellStatus.Valid, check.Status, check.Message);
        Assert.AreEqual(key, check.Key);
        Assert.IsNull(check.Number);
        Assert.IsFalse(field.IsNumeric);
    }

    [TestMethod]
    [DataRow("date", "default", "2019-1-1")]
    [DataRow("date", "default", "20190101")]
    [DataRow("date", "default", "2019-02-29")]
    [DataRow("date", "default", "2019-13-01")]
    [DataRow("date", "default", "2019-00-10")]
    [DataRow("date", "default", "2019-04-31")]
    [DataRow("date", "default", "0000-01-01")]
    [DataRow("date", "default", "2019-01-01T00:00:00")]
    [DataRow("date", "default", " 2019-01-01")]
    [DataRow("date", "default", "invalid")]
    [DataRow("date", "%d/%m/%y", "21/11/2006")]
    [DataRow("date", "%d/%m/%Y", "32/01/2020")]
    [DataRow("date", "%d/%m/%Y", "29/02/2019")]
    [DataRow("date", "%d/%m/%Y", "2020-01-01")]
    [DataRow("date", "%d %b %Y", "5 Mars 2020")]
    [DataRow("date", "%m-%d", "02-29")]
    [DataRow("date", "%Y-%j", "2019-366")]
    [DataRow("date", "any", "invalid")]
    [DataRow("date", "any", "Jan 2014")]
    [DataRow("date", "any", "13/13/2014")]
    [DataRow("date", "any", "some night")]
    [DataRow("time", "default", "06:00:00+1:00")]
    [DataRow("time", "default", "09:00")]
    [DataRow("time", "default", "3 am")]
    [DataRow("time", "default", "3.00")]
    [DataRow("time", "default", "24:00:00")]
    [DataRow("time", "default", "12:60:00")]
    [DataRow("time", "default", "12:00:60")]
    [DataRow("time", "default", "12:00:00.")]
    [DataRow("time", "default", "invalid")]
    [DataRow("time", "%H:%M", "3:00 am")]
    [DataRow("time", "%H:%M", "some night")]
    [DataRow("time", "%M:%H", "06:50")]
    [DataRow("time", "%H:%M", "06:00:00")]
    [DataRow("time", "any", "some night")]
    [DataRow("time", "any", "2014-01-31")]
    [DataRow("time", "any", "13 pm")]
    [DataRow("datetime", "default", "2014-01-01T06:00:00+1:00")]
    [DataRow("datetime", "default", "Mon 1st Jan 2014 9 am")]
    [DataRow("datetime", "default", "2014-01-01 06:00:00")]
    [DataRow("datetime", "default", "2014-01-01T06:00")]
    [DataRow("datetime", "default", "2014-01-01")]
    [DataRow("datetime", "default", "2014-01-01T06:00:00ZZ")]
    [DataRow("datetime", "default", "invalid")]
    [DataRow("datetime", "%H:%M %d/%m/%y", "21/11/06 16:30")]
    [DataRow("datetime", "%d/%m/%y %H:%M", "invalid")]
    [DataRow("datetime", "%Y-%m-%d %H:%M:%S%z", "2020-01-01 10:00:00+02")]
    [DataRow("datetime", "any", "invalid")]
    [DataRow("datetime", "any", "10:00")]
    public void InvalidTemporals(string type, string format, string value) => AssertTypeError(Temporal(type, format), value);

    [TestMethod]
    public void TypeErrorMessagesNameTheFormat()
    {
        Assert.AreEqual(
            "field 'd' value '2020/01/01' is not a valid date (YYYY-MM-DD).",
            Field("{\"name\": \"d\", \"type\": \"date\"}").Check("2020/01/01").Message);
        Assert.AreEqual(
            "field 'd' value '2020-01-01' is not a valid date in format '%d/%m/%Y'.",
            Field("{\"name\": \"d\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}").Check("2020-01-01").Message);
    }

    [TestMethod]
    public void EqualInstantsHaveEqualKeys()
    {
        var field = Typed("datetime");
        Assert.AreEqual(field.Check("2014-01-01T06:00:00Z").Key, field.Check("2014-01-01T07:00:00+01:00").Key);
        Assert.AreNotEqual(field.Check("2014-01-01T06:00:00Z").Key, field.Check("2014-01-01T06:00:00").Key);
        var time = Typed("time");
        Assert.AreEqual(time.Check("06:00:00Z").Key, time.Check("07:00:00+01:00").Key);
        Assert.AreEqual(time.Check("06:00:00").Key, time.Check("06:00:00.000").Key);
    }
}
