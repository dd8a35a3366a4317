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

        TableBuilder? table = null;
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
                table ??= new TableBuilder(hasHeader ? row[..].ToStringsArray() : DelimitedFile.DefaultColumnNames(row.ColCount), readerFor);
                if (header)
                {
                    header = false;
                    continue;
                }
                var names = table.Names;
                if (row.ColCount != names.Count)
                {
                    throw new UserError(ErrorCodes.WrongFieldCount, $"this row has {row.ColCount} fields; the header has {names.Count}.", file, DelimitedFile.LineOf(row), Math.Min(row.ColCount, names.Count) + 1);
                }
                table.StartRow(DelimitedFile.LineOf(row));
                for (var i = 0; i < names.Count; i++)
                {
                    var cell = row[i].Span;
                    if (!table.AddCell(i, cell))
                    {
                        throw new UserError(
                            ErrorCodes.ColumnTypeMismatch,
                            $"value '{CellText.Truncate(cell)}' in column '{names[i]}' is not a number, but the column is numeric for dataset '{dataset}'.",
                            file,
                            DelimitedFile.LineOf(row),
                            i + 1);
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

        return (table ?? new TableBuilder([], readerFor)).Build(dataset, file, sha256);
    }
}
