using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ReproBuild.Tool.Sweeps;

/// <summary>
/// <c>reprobuild sweep --apply</c>: writes an experiment's Parameters (and Seed, when the sweep set seeds) into the
/// project file's <c>Model</c> element, leaving everything else as it was — whitespace, comments, line endings, a
/// byte-order mark. The metadata is changed where it is written: an attribute, or a child element.
/// </summary>
internal static class ProjectFileEditor
{
    public static void Apply(string projectFile, string model, IReadOnlyDictionary<string, string> metadata)
    {
        var bytes = File.ReadAllBytes(projectFile);
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var original = new UTF8Encoding(false).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        File.WriteAllBytes(projectFile, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. new UTF8Encoding(false).GetBytes(Edit(original, model, metadata, projectFile))]);
    }

    /// <summary>The project text with the model's metadata set; an error when the file does not declare the model itself.</summary>
    public static string Edit(string text, string model, IReadOnlyDictionary<string, string> metadata, string projectFile)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
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
            var why = elements.Length == 0 ? "does not declare it with <Model Include=\"" + model + "\" …> (it comes from an import or a wildcard)" : "declares it more than once";
            throw new ToolError($"{projectFile} {why}; set its metadata by hand: {string.Join(" ", metadata.Select(m => $"{m.Key}=\"{m.Value}\""))}.");
        }
        var element = elements[0];
        foreach (var (name, value) in metadata)
        {
            if (element.Elements().FirstOrDefault(e => e.Name.LocalName == name) is { } child)
            {
                child.Value = value;
            }
            else
            {
                element.SetAttributeValue(name, value);
            }
        }
        // XML reads every line ending as LF; a CRLF file gets CRLF back.
        var edited = document.ToString(SaveOptions.DisableFormatting);
        var declaration = document.Declaration is null ? "" : text[..(text.IndexOf("?>", StringComparison.Ordinal) + 2)];
        var beforeRoot = declaration.Length == 0 ? "" : LeadingWhitespace(text[declaration.Length..]);
        edited = declaration + beforeRoot + edited;
        if (text.Contains("\r\n", StringComparison.Ordinal))
        {
            edited = edited.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        }
        var trailing = text[(text.TrimEnd().Length)..];
        return edited.TrimEnd() + trailing;
    }

    private static string LeadingWhitespace(string text) => text[..(text.Length - text.TrimStart().Length)];
}
