using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks.NoOp;

/// <summary>
/// Items a step returned, as lines of an <see cref="InputStamp"/>'s payload — <c>list \t identity \t name=value …</c>,
/// with backslash escapes for tab, line breaks and backslash — so that a skipped step can return them again.
/// </summary>
internal static class StampedItems
{
    public static IEnumerable<string> Lines(string list, IEnumerable<ITaskItem> items)
    {
        foreach (var item in items)
        {
            var line = new StringBuilder(list).Append('\t').Append(Escape(item.ItemSpec));
            var metadata = item.CloneCustomMetadata();
            foreach (var name in metadata.Keys.Cast<string>().OrderBy(n => n, StringComparer.Ordinal))
            {
                line.Append('\t').Append(Escape(name)).Append('=').Append(Escape((string)metadata[name]!));
            }
            yield return line.ToString();
        }
    }

    /// <summary>The items of <paramref name="list"/>, in the order they were written.</summary>
    public static ITaskItem[] Read(IEnumerable<string> lines, string list) =>
        [.. lines.Select(line => line.Split('\t')).Where(fields => fields[0] == list).Select(fields =>
        {
            var item = new TaskItem(Unescape(fields[1]));
            foreach (var field in fields.AsSpan(2))
            {
                var equals = field.IndexOf('=');
                item.SetMetadata(Unescape(field[..equals]), Unescape(field[(equals + 1)..]));
            }
            return (ITaskItem)item;
        })];

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                result.Append(text[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => text[i] });
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }
}
