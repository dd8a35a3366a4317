namespace ReproBuild.Runtime.Data;

/// <summary>
/// Loads a delimited file into memory, each column read as the caller decides by name. The build
/// loads inspected datasets with this (so a surprise means the file changed during the build, which the digest
/// comparison reports), and test-time evaluation loads data with the types the model was trained on.
/// </summary>
internal static class TableLoader
{
    /// <param name="file">The delimited file.</param>
    /// <param name="dataset">The dataset's name, for messages.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="hasHeader">Whether the first row names the columns (else they are Column1..N).</param>
    /// <param name="readerFor">How to read the column of that name.</param>
    /// <param name="expectedSha256">The digest the file had when it was inspected, or null not to check.</param>
    public static Table Load(string file, string dataset, char separator, bool hasHeader, Func<string, ColumnReader> readerFor, string? expectedSha256)
    {
        using var stream = DelimitedFile.OpenHashed(file);

        string[] names = [];
        ColumnReader[] readers = [];
        List<float>?[] numbers = [];
        List<string>?[] texts = [];
        Dictionary<string, string>?[] interned = [];
        var lines = new List<int>();
        var header = hasHeader;
        var nextLine = 1;
        try
        {
            // Opening reads the first row, so a first row too long to hold fails here.
            using var reader = DelimitedFile.Read(stream, separator, file);
            foreach (var row in reader)
            {
                nextLine = DelimitedFile.LineAfter(row);
                if (DelimitedFile.IsBlank(row))
                {
                    continue;
                }
                if (DelimitedFile.HasUnclosedQuote(row))
                {
                    throw DelimitedFile.UnclosedQuote(file, DelimitedFile.LineOf(row));
                }
                if (names.Length == 0)
                {
                    names = hasHeader ? row[..].ToStringsArray() : DelimitedFile.DefaultColumnNames(row.ColCount);
                    readers = names.Select(readerFor).ToArray();
                    numbers = readers.Select(reader => reader.IsNumeric ? new List<float>() : null).ToArray();
                    texts = readers.Select(reader => reader.IsNumeric ? null : new List<string>()).ToArray();
                    interned = readers.Select(reader => reader.IsNumeric ? null : new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
                }
                if (header)
                {
                    header = false;
                    continue;
                }
                if (row.ColCount != names.Length)
                {
                    throw new UserError(ErrorCodes.WrongFieldCount, $"this row has {row.ColCount} fields; the header has {names.Length}.", file, DelimitedFile.LineOf(row), Math.Min(row.ColCount, names.Length) + 1);
                }
                lines.Add(DelimitedFile.LineOf(row));
                for (var i = 0; i < names.Length; i++)
                {
                    var cell = row[i].Span;
                    if (numbers[i] is { } column)
                    {
                        if (readers[i].TryReadNumber(cell, out var value))
                        {
                            column.Add(value);
                        }
                        else
                        {
                            throw new UserError(
                                ErrorCodes.ColumnTypeMismatch,
                                $"value '{CellText.Truncate(cell)}' in column '{names[i]}' is not a number, but the column is numeric for dataset '{dataset}'.",
                                file,
                                DelimitedFile.LineOf(row),
                                i + 1);
                        }
                    }
                    else
                    {
                        var text = readers[i].IsMissing(cell) ? string.Empty : cell.ToString();
                        if (!interned[i]!.TryGetValue(text, out var shared))
                        {
                            interned[i]![text] = shared = text;
                        }
                        texts[i]!.Add(shared);
                    }
                }
            }
        }
        catch (NotSupportedException)
        {
            throw DelimitedFile.RowTooLong(file, nextLine);
        }

        var sha256 = stream.FinishSha256();
        if (expectedSha256 is not null && sha256 != expectedSha256)
        {
            throw new UserError(ErrorCodes.DatasetChangedDuringBuild, "the file changed while the build was reading it; build again.", file);
        }

        var columns = new TableColumn[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            columns[i] = numbers[i] is { } values
                ? new NumberColumn(names[i], values.ToArray())
                : new TextColumn(names[i], texts[i]!.ToArray());
        }
        return new Table(dataset, file, columns, lines.ToArray(), sha256);
    }
}
