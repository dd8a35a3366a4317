using System.Globalization;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// Brings the label column into the type its task trains on: a boolean for binary classification (which value
/// is positive comes from <c>PositiveLabel</c> or an unambiguous pair like 0/1), numbers for regression, values
/// as they are for multiclass (the pipeline maps them to keys). A missing label is an error at its cell.
/// </summary>
internal static class LabelPreparation
{
    private static readonly (string Negative, string Positive)[] NaturalPairs = [("0", "1"), ("false", "true"), ("no", "yes")];

    /// <summary>Decides the positive label of a binary task from the training data.</summary>
    public static string? PositiveLabel(Table table, string label, string? positive, string projectFile, string task)
    {
        if (task != Catalog.BinaryClassification)
        {
            return null;
        }
        // A missing label is an error at its cell, not a third value of the label.
        CheckPresent(table, table.Find(label)!, table.IndexOf(label));
        var values = Values(table, label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var listed = string.Join(", ", values.Take(10).Select(v => $"'{v}'"));
        if (values.Length != 2)
        {
            throw new UserError(ErrorCodes.AmbiguousBinaryLabel, $"binary classification needs exactly two values in label column '{label}'; dataset '{table.Name}' has {values.Length}: {listed}.", projectFile);
        }
        if (positive is not null)
        {
            return values.FirstOrDefault(v => v == positive)
                ?? throw new UserError(ErrorCodes.AmbiguousBinaryLabel, $"PositiveLabel '{positive}' is not a value of label column '{label}' (values: {listed}).", projectFile);
        }
        foreach (var (negative, natural) in NaturalPairs)
        {
            if (values.Any(v => v.Equals(negative, StringComparison.OrdinalIgnoreCase)) && values.Any(v => v.Equals(natural, StringComparison.OrdinalIgnoreCase)))
            {
                return values.First(v => v.Equals(natural, StringComparison.OrdinalIgnoreCase));
            }
        }
        throw new UserError(ErrorCodes.AmbiguousBinaryLabel, $"set PositiveLabel on the model to the value of '{label}' that counts as positive: {listed}.", projectFile);
    }

    /// <summary>A binary model's two label values as the data writes them: the other value first, then the positive one.</summary>
    public static IReadOnlyList<string>? BinaryClassNames(Table table, string label, string? positive) =>
        positive is null ? null : [Values(table, label).FirstOrDefault(v => v != positive) ?? $"not {positive}", positive];

    public static Table Prepare(Table table, string label, string task, string? positive, string projectFile)
    {
        var column = table.Find(label)!;
        var index = table.IndexOf(label);
        CheckPresent(table, column, index);
        switch (task)
        {
            case Catalog.BinaryClassification:
                var values = Values(table, label).ToArray();
                var negative = (string?)null;
                var flags = new bool[values.Length];
                for (var row = 0; row < values.Length; row++)
                {
                    flags[row] = SameLabel(values[row], positive);
                    if (!flags[row] && !SameLabel(negative ??= values[row], values[row]))
                    {
                        throw new UserError(ErrorCodes.AmbiguousBinaryLabel, $"label '{values[row]}' is neither the positive value '{positive}' nor the other value '{negative}' of this binary model.", table.File, table.RowLines[row], index + 1);
                    }
                }
                return table.WithColumn(new BooleanColumn(label, flags));
            case Catalog.Regression when column is not NumberColumn:
                throw new UserError(ErrorCodes.NonNumericLabel, $"regression needs a numeric label, but column '{label}' of dataset '{table.Name}' holds text.", projectFile);
            default:
                return table;
        }
    }

    // A label read as text at test time ("1.0") is the same as one the build read as a number ("1").
    private static bool SameLabel(string a, string? b) =>
        a == b || (b is not null
            && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && x == y);

    private static void CheckPresent(Table table, TableColumn column, int index)
    {
        for (var row = 0; row < table.RowCount; row++)
        {
            var missing = column switch
            {
                NumberColumn numbers => float.IsNaN(numbers.Values[row]),
                TextColumn texts => texts.Values[row].Length == 0,
                _ => false,
            };
            if (missing)
            {
                throw new UserError(ErrorCodes.MissingLabel, $"the label '{column.Name}' is missing in this row; every row needs a label.", table.File, table.RowLines[row], index + 1);
            }
        }
    }

    private static IEnumerable<string> Values(Table table, string label) => table.Find(label) switch
    {
        NumberColumn numbers => numbers.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
        TextColumn texts => texts.Values,
        _ => [],
    };
}
