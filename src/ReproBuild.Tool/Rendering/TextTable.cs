using System.Text;

namespace ReproBuild.Tool.Rendering;

/// <summary>
/// A plain-text table with aligned columns, as the .NET CLI prints lists (<c>dotnet list package</c>): a header,
/// a rule, and rows; numbers right-aligned. No box drawing, so it reads the same in a log file.
/// </summary>
internal sealed class TextTable(IReadOnlyList<string> headers, IReadOnlySet<int>? rightAligned = null)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Count)
        {
            throw new ArgumentException($"A row needs {headers.Count} cells.", nameof(cells));
        }
        _rows.Add(cells);
    }

    public string Render(string indent = "")
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            text.Append(indent);
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = rightAligned?.Contains(i) == true ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
                text.Append(i == 0 ? "" : "  ").Append(cell);
            }
            // No trailing spaces: they show up in diffs of saved output.
            while (text.Length > 0 && text[^1] == ' ')
            {
                text.Length--;
            }
            text.Append('\n');
        }
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in _rows)
        {
            Line(row);
        }
        return text.ToString();
    }
}
