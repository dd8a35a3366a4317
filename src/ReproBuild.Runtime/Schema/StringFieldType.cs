using System.Buffers.Text;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>string</c>: any text (<c>default</c>), or one that is an <c>email</c> address, an absolute <c>uri</c>, <c>binary</c>
/// data in base64, or a <c>uuid</c>. Also used for a field without a type (v2 <c>any</c>, with the v1 string constraints).
/// </summary>
internal sealed class StringFieldType(string format, string name = "string") : FieldType(name, format)
{
    public static readonly string[] Formats = [DefaultFormat, "email", "uri", "binary", "uuid"];

    // Decided once rather than compared as text for every cell; in the order of Formats.
    private readonly FormatKind _kind = (FormatKind)Math.Max(0, Array.IndexOf(Formats, format));

    private enum FormatKind
    {
        Any,
        Email,
        Uri,
        Binary,
        Uuid,
    }

    public override ValueMatch Match => ValueMatch.Text;

    public override bool HasLength => true;

    public override bool HasPattern => true;

    public override bool HasCategories => Name == "string";

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        value = CellValue.None;
        return _kind switch
        {
            FormatKind.Email => IsEmail(text),
            FormatKind.Uri => IsUri(text),
            FormatKind.Binary => text.Length > 0 && Base64.IsValid(text),
            FormatKind.Uuid => IsUuid(text),
            _ => true,
        };
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) =>
        Format == "uuid" && Guid.TryParse(text, out var uuid) ? uuid.ToString("D") : text.ToString();

    /// <summary>The number of Unicode characters (a surrogate pair counts once), as the reference implementation counts.</summary>
    public override int Length(ReadOnlySpan<char> text, in CellValue value)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }
        return length;
    }

    public override string Expectation => Format switch
    {
        "email" => "is not a valid email address",
        "uri" => "is not a valid URI (with a scheme)",
        "binary" => "is not valid base64 (format 'binary')",
        "uuid" => "is not a valid UUID",
        _ => base.Expectation,
    };

    /// <summary>One '@' between a non-empty local part and a domain with a dot inside it; no whitespace.</summary>
    private static bool IsEmail(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@'))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        var domain = text[(at + 1)..];
        var dot = domain.IndexOf('.');
        return dot > 0 && domain[^1] != '.' && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>An RFC 3986 URI: a scheme (a letter, then letters, digits, '+', '-', '.'), ':', and no whitespace.</summary>
    private static bool IsUri(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }
        foreach (var c in text[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }
        if (colon == text.Length - 1)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>32 hex digits, hyphenated 8-4-4-4-12 or not, optionally in braces or after <c>urn:uuid:</c>.</summary>
    private static bool IsUuid(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[9..];
        }
        return Guid.TryParseExact(text, "D", out _) || Guid.TryParseExact(text, "N", out _) || Guid.TryParseExact(text, "B", out _);
    }
}
