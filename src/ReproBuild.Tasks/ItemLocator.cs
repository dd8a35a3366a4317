using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ReproBuild.Tasks;

/// <summary>
/// Finds the line and column of an item element in a project file, so that an error about a <c>MetricGate</c>, a
/// <c>Dataset</c> or a <c>Model</c> lands on its own line in the IDE's error list (MSBuild does not give tasks the location of items).
/// </summary>
internal sealed partial class ItemLocator
{
    private readonly List<(string Include, IReadOnlyDictionary<string, string> Metadata, int Line, int Column)> _items = [];

    public ItemLocator(string projectFile, string itemType)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(projectFile, LoadOptions.SetLineInfo);
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName == itemType))
        {
            var metadata = element.Attributes().ToDictionary(a => a.Name.LocalName, a => Unescape(a.Value), StringComparer.OrdinalIgnoreCase);
            foreach (var child in element.Elements())
            {
                metadata[child.Name.LocalName] = Unescape(child.Value);
            }
            // XmlReader puts an element at its name; MSBuild (and so the IDE) at its '<'.
            var info = (IXmlLineInfo)element;
            _items.Add((metadata.GetValueOrDefault("Include", ""), metadata, info.LineNumber, info.LinePosition - 1));
        }
    }

    /// <summary>
    /// The element whose Include and given metadata all match (missing metadata counting as empty); failing that,
    /// the first with the same Include and first metadata value; (0, 0) when the item is not written in this file.
    /// </summary>
    public (int Line, int Column) Find(string include, params (string Name, string Value)[] metadata)
    {
        bool Matches((string Include, IReadOnlyDictionary<string, string> Metadata, int Line, int Column) item, int count) =>
            item.Include == include && metadata.Take(count).All(m => item.Metadata.GetValueOrDefault(m.Name, "").Trim() == m.Value.Trim());

        foreach (var count in new[] { metadata.Length, Math.Min(1, metadata.Length) })
        {
            foreach (var item in _items)
            {
                if (Matches(item, count))
                {
                    return (item.Line, item.Column);
                }
            }
        }
        return (0, 0);
    }

    /// <summary>MSBuild's %XX escaping undone, each %XX one character as MSBuild does it, so values compare with what tasks see.</summary>
    private static string Unescape(string value) =>
        value.Contains('%', StringComparison.Ordinal)
            ? EscapedCharacter().Replace(value, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : value;

    [GeneratedRegex("%([0-9A-Fa-f]{2})")]
    private static partial Regex EscapedCharacter();
}
