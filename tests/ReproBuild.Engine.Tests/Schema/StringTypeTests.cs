using ReproBuild.Runtime.Schema;
using static ReproBuild.Engine.Tests.Schema.SchemaKit;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class StringTypeTests
{
    [TestMethod]
    [DataRow("default", "string")]
    [DataRow("default", " spaces kept ")]
    [DataRow("default", "0")]
    [DataRow("email", "name@gmail.com")]
    [DataRow("email", "first.last+tag@sub.example.org")]
    [DataRow("uri", "http://google.com")]
    [DataRow("uri", "https://example.org/a/b?c=d#e")]
    [DataRow("uri", "urn:isbn:0451450523")]
    [DataRow("uri", "mailto:someone@example.com")]
    [DataRow("binary", "dGVzdA==")]
    [DataRow("binary", "aGVsbG8gd29ybGQ=")]
    [DataRow("uuid", "95ecc380-afe9-11e4-9b6c-751b66dd541e")]
    [DataRow("uuid", "95ECC380AFE911E49B6C751B66DD541E")]
    [DataRow("uuid", "{95ecc380-afe9-11e4-9b6c-751b66dd541e}")]
    public void ValidStrings(string format, string value) =>
        AssertValid(Typed("string", $"\"format\": \"{format}\""), value);

    [TestMethod]
    [DataRow("email", "http://google.com")]
    [DataRow("email", "string")]
    [DataRow("email", "a@b")]
    [DataRow("email", "a@@b.com")]
    [DataRow("email", "a b@c.com")]
    [DataRow("uri", "://no-scheme.test")]
    [DataRow("uri", "string")]
    [DataRow("uri", "1http://x.org")]
    [DataRow("uri", "http://exa mple.org")]
    [DataRow("binary", "string")]
    [DataRow("binary", "!!!!")]
    [DataRow("binary", "@@@@")]
    [DataRow("binary", "()()")]
    [DataRow("uuid", "95ecc380-afe9-11e4-9b6c")]
    [DataRow("uuid", "not-a-uuid")]
    public void InvalidStrings(string format, string value) =>
        AssertTypeError(Typed("string", $"\"format\": \"{format}\""), value);

    [TestMethod]
    public void StringKeyIsTheTextAndThereIsNoNumber()
    {
        var check = Typed("string").Check("Abc");
        Assert.AreEqual("Abc", check.Key);
        Assert.IsNull(check.Number);
        Assert.IsFalse(Typed("string").IsNumeric);
    }

    [TestMethod]
    public void UuidKeysIgnoreCaseAndHyphens()
    {
        var field = Typed("string", "\"format\": \"uuid\"");
        Assert.AreEqual(field.Check("95ecc380-afe9-11e4-9b6c-751b66dd541e").Key, field.Check("95ECC380AFE911E49B6C751B66DD541E").Key);
    }

    [TestMethod]
    public void TypeErrorMessageNamesFieldValueAndFormat()
    {
        var check = Field("{\"name\": \"contact\", \"type\": \"string\", \"format\": \"email\"}").Check("nobody");
        Assert.AreEqual("field 'contact' value 'nobody' is not a valid email address.", check.Message);
    }

    [TestMethod]
    public void LongValuesAreTruncatedInMessages()
    {
        var value = new string('x', 100);
        var check = Typed("string", "\"format\": \"email\"").Check(value);
        StringAssert.Contains(check.Message, $"'{new string('x', 37)}...'");
        Assert.IsFalse(check.Message!.Contains(new string('x', 41), StringComparison.Ordinal));
    }

    [TestMethod]
    public void AnyTypeAcceptsEverythingAsText()
    {
        var field = Typed("any");
        AssertValid(field, "1");
        AssertValid(field, "apple");
        Assert.AreEqual("1", field.Check("1").Key);
        Assert.IsNull(field.Check("1").Number);
    }

    [TestMethod]
    public void FieldWithoutTypeIsAnyAndTakesStringConstraints()
    {
        var field = Field("{\"name\": \"code\", \"constraints\": {\"maxLength\": 3, \"pattern\": \"[A-Z]+\"}}");
        Assert.AreEqual("any", field.Type);
        Assert.AreEqual("default", field.Format);
        AssertValid(field, "ABC");
        AssertConstraintError(field, "ABCD", ErrorCodes.LengthViolation);
        AssertConstraintError(field, "abc", ErrorCodes.PatternViolation);
    }
}
