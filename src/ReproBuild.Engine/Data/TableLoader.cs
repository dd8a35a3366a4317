using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Loads an inspected dataset into memory with the column types its inspection decided. The file was checked
/// already, so any surprise here means it changed during the build, which the digest comparison reports.
/// </summary>
internal static class TableLoader
{
    /// <param name="typesFrom">Column types to use instead of the dataset's own, matched by name: an evaluation
    /// dataset is read with the types of the data the model was trained on.</param>
    public static Table Load(string file, DatasetSummary summary, IReadOnlyList<ColumnSummary>? typesFrom = null)
    {
        var types = summary.Columns
            .Select(own => typesFrom?.FirstOrDefault(trained => trained.Name == own.Name) ?? own)
            .ToArray();
        using var stream = DelimitedFile.OpenHashed(file);
        using var reader = DelimitedFile.Read(stream, summary.Separator, file);

        var numbers = new List<float>[types.Length];
        var texts = new List<string>[types.Length];
        var interned = new Dictionary<string, string>[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i].Type == ColumnSummary.Number)
            {
                numbers[i] = [];
            }
            else
            {
                texts[i] = [];
                interned[i] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
        }

        var lines = new List<int>();
        var first = true;
        foreach (var row in reader)
        {
            if (DelimitedFile.IsBlank(row))
            {
                continue;
            }
            if (first && summary.HasHeader)
            {
                first = false;
                continue;
            }
            first = false;
            if (row.ColCount != types.Length)
            {
                throw Changed(file);
            }
            lines.Add(DelimitedFile.LineOf(row));
            for (var i = 0; i < types.Length; i++)
            {
                var cell = row[i].Span;
                if (numbers[i] is { } column)
                {
                    if (DelimitedFile.IsMissing(cell))
                    {
                        column.Add(float.NaN);
                    }
                    else if (DelimitedFile.TryParseNumber(cell, out var value))
                    {
                        column.Add(value);
                    }
                    else
                    {
                        throw new UserError(
                            ErrorCodes.ColumnTypeMismatch,
                            $"value '{cell}' in column '{types[i].Name}' is not a number, but the column is numeric in dataset '{summary.Name}'.",
                            file,
                            DelimitedFile.LineOf(row),
                            i + 1);
                    }
                }
                else
                {
                    var text = DelimitedFile.IsMissing(cell) ? string.Empty : cell.ToString();
                    if (!interned[i].TryGetValue(text, out var shared))
                    {
                        interned[i][text] = shared = text;
                    }
                    texts[i].Add(shared);
                }
            }
        }

        var sha256 = stream.FinishSha256();
        if (sha256 != summary.Sha256)
        {
            throw Changed(file);
        }

        var columns = new TableColumn[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            columns[i] = numbers[i] is { } values
                ? new NumberColumn(types[i].Name, values.ToArray())
                : new TextColumn(types[i].Name, texts[i].ToArray());
        }
        return new Table(summary.Name, file, columns, lines.ToArray(), sha256);
    }

    private static UserError Changed(string file) =>
        new(ErrorCodes.DatasetChangedDuringBuild, "the file changed while the build was reading it; build again.", file);
}
