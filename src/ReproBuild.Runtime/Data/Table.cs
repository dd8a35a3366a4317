namespace ReproBuild.Runtime.Data;

/// <summary>A dataset loaded into memory, with the physical line of each row so errors can point at a cell.</summary>
internal sealed class Table(string name, string file, IReadOnlyList<TableColumn> columns, int[] rowLines, string sha256)
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public int[] RowLines { get; } = rowLines;

    public int RowCount => RowLines.Length;

    public string Sha256 { get; } = sha256;

    public TableColumn? Find(string column) => Columns.FirstOrDefault(c => c.Name == column);

    public int IndexOf(string column) => Columns.ToList().FindIndex(c => c.Name == column);

    public Table WithColumn(TableColumn replacement) =>
        new(Name, File, Columns.Select(c => c.Name == replacement.Name ? replacement : c).ToArray(), RowLines, Sha256);
}
