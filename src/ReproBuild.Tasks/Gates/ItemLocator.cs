using System.Xml;
using System.Xml.Linq;

namespace ReproBuild.Tasks.Gates;

/// <summary>
/// Finds the line and column of an item element in a project file, so that an error about a <c>MetricGate</c>
/// lands on its own line in the IDE's error list (MSBuild does not give tasks the location of items).
/// </summary>
internal sealed class ItemLocator
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
            var metadata = element.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var child in element.Elements())
            {
                metadata[child.Name.LocalName] = child.Value;
            }
            var info = (IXmlLineInfo)element;
            _items.Add((metadata.GetValueOrDefault("Include", ""), metadata, info.LineNumber, info.LinePosition));
        }
    }

    /// <summary>The element whose Include and given metadata match, or (0, 0) when it is not in this file.</summary>
    public (int Line, int Column) Find(string include, string metadataName, string metadataValue)
    {
        foreach (var (itemInclude, metadata, line, column) in _items)
        {
            if (itemInclude == include && metadata.GetValueOrDefault(metadataName, "") == metadataValue)
            {
                return (line, column);
            }
        }
        return (0, 0);
    }
}
