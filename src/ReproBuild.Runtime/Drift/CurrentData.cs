using ReproBuild.Runtime.Data;

namespace ReproBuild.Runtime.Drift;

/// <summary>The compared columns of the current data: numbers sorted, categories counted, missing values left out as Evidently does.</summary>
internal sealed class CurrentData
{
    private static readonly char[] OtherSeparators = [',', ';', '\t', '|'];

    private readonly Dictionary<string, CurrentColumn> _columns = new(StringComparer.Ordinal);

    public CurrentColumn this[string column] => _columns[column];

    /// <summary>Reads a delimited file with ReproBuild's one reader, numeric columns as numbers (a cell that is not one is an error at it).</summary>
    public static CurrentData Read(string file, IReadOnlyList<ReferenceColumn> columns, char separator)
    {
        if (!File.Exists(file))
        {
            throw new UserError(ErrorCodes.DatasetFileNotFound, "the current data file does not exist.", file);
        }
        var kinds = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var table = TableLoader.Load(file, Path.GetFileNameWithoutExtension(file), separator, hasHeader: true,
            name => kinds.TryGetValue(name, out var column) && column.Kind == ColumnKind.Numeric ? ColumnReader.Number : ColumnReader.Text, expectedSha256: null);
        if (table.Columns.Count == 0)
        {
            throw new UserError(ErrorCodes.NoData, "the current data file is empty: it needs a header naming the model's input columns, and rows.", file);
        }
        var missing = columns.Where(c => table.Find(c.Name) is null).Select(c => $"'{c.Name}'").ToArray();
        if (missing.Length > 0)
        {
            var header = table.Columns.Select(c => c.Name).ToArray();
            var hint = header.Length == 1 && OtherSeparators.FirstOrDefault(s => s != separator && header[0].Contains(s)) is var other and not '\0'
                ? $" The header is one field that holds '{Printable(other)}': is the file separated by '{Printable(other)}' rather than '{Printable(separator)}'?"
                : $" Its columns: {string.Join(", ", header.Select(h => $"'{h}'"))}.";
            throw new UserError(ErrorCodes.FeatureColumnNotFound, $"the current data has no column {string.Join(", ", missing)}, which the model takes.{hint}", file, 1, 1);
        }
        if (table.RowCount == 0)
        {
            throw new UserError(ErrorCodes.NoData, "the current data file has a header but no rows to compare.", file);
        }
        var data = new CurrentData();
        foreach (var column in columns)
        {
            data._columns[column.Name] = table.Find(column.Name) switch
            {
                NumberColumn numbers => CurrentColumn.FromNumbers(numbers.Values.Select(v => (double)v)),
                TextColumn texts => CurrentColumn.FromText(texts.Values, column),
                _ => throw new InvalidOperationException($"Column '{column.Name}' was read as neither numbers nor text."),
            };
        }
        return data;
    }

    /// <summary>Rows held as text (a service's recent inputs); a numeric column's cell that is not a number counts as missing.</summary>
    public static CurrentData FromRows(IReadOnlyList<ReferenceColumn> columns, IReadOnlyList<string> names, IEnumerable<IReadOnlyList<string>> rows)
    {
        var indexes = columns.Select(c => names.ToList().IndexOf(c.Name)).ToArray();
        var cells = columns.Select(_ => new List<string>()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i].Add(indexes[i] >= 0 && indexes[i] < row.Count ? row[indexes[i]] : "");
            }
        }
        var data = new CurrentData();
        for (var i = 0; i < columns.Count; i++)
        {
            data._columns[columns[i].Name] = columns[i].Kind == ColumnKind.Numeric
                ? CurrentColumn.FromNumbers(cells[i].Select(c => DelimitedFile.TryParseNumber(c.AsSpan(), out var value) ? value : double.NaN))
                : CurrentColumn.FromText(cells[i], columns[i]);
        }
        return data;
    }

    private static string Printable(char separator) => separator == '\t' ? "\\t" : separator.ToString();
}

/// <summary>One compared column of the current data.</summary>
internal sealed class CurrentColumn
{
    private CurrentColumn(double[] sorted, Dictionary<string, long> categories, long missing)
    {
        Sorted = sorted;
        Categories = categories;
        Missing = missing;
    }

    public double[] Sorted { get; }

    public Dictionary<string, long> Categories { get; }

    public long Missing { get; }

    public long Count => Sorted.Length + Categories.Values.Sum();

    public static CurrentColumn FromNumbers(IEnumerable<double> values)
    {
        var all = values.ToArray();
        var finite = all.Where(double.IsFinite).ToArray();
        Array.Sort(finite);
        return new CurrentColumn(finite, new Dictionary<string, long>(StringComparer.Ordinal), all.Length - finite.Length);
    }

    /// <summary>Counts each value; a boolean column (its reference values are true and false) reads true/false, 1/0 and yes/no alike.</summary>
    public static CurrentColumn FromText(IEnumerable<string> values, ReferenceColumn reference)
    {
        var boolean = reference.Categories.Count > 0 && reference.Categories.Keys.All(k => k is "true" or "false");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        foreach (var raw in values)
        {
            var value = raw;
            if (DelimitedFile.IsMissing(value))
            {
                missing++;
                continue;
            }
            if (boolean)
            {
                value = value.ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => "true",
                    "false" or "0" or "no" => "false",
                    _ => value,
                };
            }
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        return new CurrentColumn([], counts, missing);
    }
}
