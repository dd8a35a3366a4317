using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// <c>reprobuild sweep --apply</c>: writes an experiment's Parameters (and Seed, when the sweep set seeds) into the
/// project file's <c>Model</c> element. XML only finds the element; the change is a text edit of the values
/// themselves, so every other byte stays as it was — attribute layout, comments, line endings, a byte-order mark.
/// Metadata is changed where it is written (an attribute or a child element); missing metadata becomes an attribute.
/// </summary>
internal static class ProjectFileEditor
{
    public static void Apply(string projectFile, string model, IReadOnlyDictionary<string, string> metadata)
    {
        var bytes = File.ReadAllBytes(projectFile);
        var preamble = Encoding.UTF8.GetPreamble();
        var bom = bytes.AsSpan().StartsWith(preamble);
        var utf8 = new UTF8Encoding(false);
        var edited = Edit(utf8.GetString(bom ? bytes[preamble.Length..] : bytes), model, metadata, projectFile);
        AtomicFile.WriteAllText(projectFile, bom ? "\uFEFF" + edited : edited);
    }

    /// <summary>The project text with the model's metadata set; an error when the file does not declare the model itself.</summary>
    public static string Edit(string text, string model, IReadOnlyDictionary<string, string> metadata, string projectFile)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ToolError($"{projectFile} is not XML MSBuild can read ({e.Message}); fix it, then run the command again.");
        }
        var elements = document.Descendants()
            .Where(e => e.Name.LocalName == "Model" && string.Equals((string?)e.Attribute("Include"), model, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        if (elements.Length != 1)
        {
            var why = elements.Length == 0 ? $"does not declare model {model} with <Model Include=\"{model}\" …> (it comes from an import or a wildcard)" : $"declares model {model} more than once";
            throw new ToolError($"{projectFile} {why}; set its metadata by hand: {string.Join(" ", metadata.Select(m => $"{m.Key}=\"{m.Value}\""))}.");
        }
        var element = elements[0];
        var lines = new LineOffsets(text);
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var (name, value) in metadata)
        {
            if (element.Elements().FirstOrDefault(e => e.Name.LocalName == name) is { } child)
            {
                edits.Add(ChildValue(text, lines.Of(child), name, value));
            }
            else if (element.Attribute(name) is { } attribute)
            {
                var (start, end, quote) = AttributeValue(text, lines.Of(attribute));
                edits.Add((start, end - start, Escape(value, quote)));
            }
            else
            {
                var (_, end, _) = AttributeValue(text, lines.Of(element.Attributes().Last()));
                edits.Add((end + 1, 0, $" {name}=\"{Escape(value, '"')}\""));
            }
        }
        var result = new StringBuilder(text);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            result.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Text);
        }
        return result.ToString();
    }

    /// <summary>The value's span (between the quotes) of the attribute whose name starts at <paramref name="nameStart"/>, and its quote.</summary>
    private static (int Start, int End, char Quote) AttributeValue(string text, int nameStart)
    {
        var equals = text.IndexOf('=', nameStart);
        var open = equals + 1;
        while (char.IsWhiteSpace(text[open]))
        {
            open++;
        }
        var quote = text[open];
        return (open + 1, text.IndexOf(quote, open + 1), quote);
    }

    /// <summary>Replaces the text of a child element such as <c>&lt;Parameters&gt;…&lt;/Parameters&gt;</c> (or fills <c>&lt;Parameters /&gt;</c>).</summary>
    private static (int Start, int Length, string Text) ChildValue(string text, int nameStart, string name, string value)
    {
        var close = text.IndexOf('>', nameStart);
        if (text[close - 1] == '/')
        {
            return (close - 1, 2, $">{Escape(value, '<')}</{name}>");
        }
        var end = text.IndexOf("</", close, StringComparison.Ordinal);
        return (close + 1, end - close - 1, Escape(value, '<'));
    }

    private static string Escape(string value, char quote)
    {
        var escaped = value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
        return quote switch
        {
            '"' => escaped.Replace("\"", "&quot;", StringComparison.Ordinal),
            '\'' => escaped.Replace("'", "&apos;", StringComparison.Ordinal),
            _ => escaped,
        };
    }

    /// <summary>From XML's line and position (1-based, a name's first character) to an offset in the text.</summary>
    private sealed class LineOffsets
    {
        private readonly List<int> _starts = [0];

        public LineOffsets(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                // XML counts CRLF, CR and LF each as one line break.
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int Of(IXmlLineInfo node) => _starts[node.LineNumber - 1] + node.LinePosition - 1;
    }
}
