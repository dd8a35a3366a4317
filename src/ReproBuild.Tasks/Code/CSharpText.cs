using System.Globalization;
using System.Text;

namespace ReproBuild.Tasks.Code;

/// <summary>Text that goes into generated C#: string literals, identifiers made from data, XML doc text.</summary>
internal static class CSharpText
{
    /// <summary>A regular string literal that reads back as <paramref name="value"/>, whatever it holds.</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// A PascalCase C# identifier from a data name: words split at anything that is not a letter or digit, each word's
    /// first letter upper-cased ("mean radius" and "mean_radius" give MeanRadius). Names that start with a digit get a
    /// "Column" prefix; names with no letter or digit give <paramref name="fallback"/>.
    /// </summary>
    public static string PascalIdentifier(string name, string fallback)
    {
        var text = new StringBuilder();
        foreach (var word in Words(name))
        {
            text.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
        if (text.Length == 0)
        {
            return fallback;
        }
        return char.IsDigit(text[0]) ? "Column" + text : text.ToString();
    }

    /// <summary>A namespace made of identifiers, from a project's RootNamespace (which may hold '-' or spaces).</summary>
    public static string Namespace(string rootNamespace) =>
        string.Join('.', rootNamespace.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(part => PascalPreserving(part)));

    /// <summary>XML doc text on one line: '&amp;', '&lt;' and '&gt;' escaped, line breaks and other control characters as spaces.</summary>
    public static string Xml(string text) =>
        new string([.. text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c)]).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // A namespace part keeps its own spelling ("Cancer", "myCompany"); only characters an identifier cannot hold go.
    private static string PascalPreserving(string part)
    {
        var text = new string([.. part.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
        return text.Length == 0 || char.IsDigit(text[0]) ? "_" + text : text;
    }

    private static List<string> Words(string value)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var isSeparator = i == value.Length || !char.IsLetterOrDigit(value[i]);
            if (!isSeparator && start < 0)
            {
                start = i;
            }
            else if (isSeparator && start >= 0)
            {
                words.Add(value[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
