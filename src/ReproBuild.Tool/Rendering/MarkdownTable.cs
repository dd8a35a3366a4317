using System.Text;

namespace ReproBuild.Tool.Rendering;

/// <summary>A GitHub-flavoured Markdown table, for pull-request comments: cells escaped, numbers right-aligned.</summary>
internal sealed class MarkdownTable(IReadOnlyList<string> headers, IReadOnlySet<int>? rightAligned = null)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers.Select(Escape)).Append(" |\n");
        text.Append('|').AppendJoin('|', headers.Select((_, i) => rightAligned?.Contains(i) == true ? "---:" : "---")).Append("|\n");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        }
        return text.ToString();
    }

    public static string Escape(string cell) => cell.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
