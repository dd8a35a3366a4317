using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime.Drift;

/// <summary>
/// Computes a model's drift reference from its training rows as the trainer saw them (the same rows, the same
/// column types). Nothing random and nothing order-dependent beyond the rows' fixed order: the same rows give the
/// same bytes on every machine.
/// </summary>
internal static class ReferenceBuilder
{
    public static DriftReference Build(string model, IDataView rows, IReadOnlyList<string> features)
    {
        var columns = new List<ReferenceColumn>();
        long rowCount = 0;
        foreach (var name in features)
        {
            if (rows.Schema.GetColumnOrNull(name) is not { } column)
            {
                continue;
            }
            if (column.Type is NumberDataViewType && column.Type.RawType == typeof(float))
            {
                var values = Read<float>(rows, column, out rowCount);
                columns.Add(Numeric(name, values));
            }
            else if (column.Type is TextDataViewType)
            {
                var values = Read<ReadOnlyMemory<char>>(rows, column, out rowCount);
                columns.Add(Categorical(name, values.Select(v => v.ToString())));
            }
            else if (column.Type is BooleanDataViewType)
            {
                var values = Read<bool>(rows, column, out rowCount);
                columns.Add(Categorical(name, values.Select(v => v ? "true" : "false")));
            }
        }
        return new DriftReference(model, rowCount, columns);
    }

    private static List<T> Read<T>(IDataView rows, DataViewSchema.Column column, out long count)
    {
        var values = new List<T>();
        using var cursor = rows.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }
        count = values.Count;
        return values;
    }

    private static ReferenceColumn Numeric(string name, List<float> all)
    {
        // Evidently drops missing and infinite values before any statistic.
        var values = all.Where(float.IsFinite).ToArray();
        Array.Sort(values);
        var missing = all.Count - values.Length;
        if (values.Length == 0)
        {
            return new ReferenceColumn(name, ColumnKind.Numeric, 0, missing) { NotComparable = "the training rows have no values in it" };
        }
        var mean = values.Sum(v => (double)v) / values.Length;
        var deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        var kept = values.Length <= ReferenceColumn.MaxValues
            ? values
            : [.. Enumerable.Range(0, ReferenceColumn.MaxValues).Select(k => values[(int)((k + 0.5) * values.Length / ReferenceColumn.MaxValues)])];
        return new ReferenceColumn(name, ColumnKind.Numeric, values.Length, missing) { Mean = mean, Deviation = deviation, Values = kept };
    }

    private static ReferenceColumn Categorical(string name, IEnumerable<string> all)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        foreach (var value in all)
        {
            if (value.Length == 0)
            {
                missing++;
                continue;
            }
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        var count = counts.Values.Sum();
        if (count == 0)
        {
            return new ReferenceColumn(name, ColumnKind.Categorical, 0, missing) { NotComparable = "the training rows have no values in it" };
        }
        if (counts.Count > ReferenceColumn.MaxCategories)
        {
            return new ReferenceColumn(name, ColumnKind.Categorical, count, missing) { NotComparable = $"it has more than {ReferenceColumn.MaxCategories.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} distinct values" };
        }
        return new ReferenceColumn(name, ColumnKind.Categorical, count, missing) { Categories = counts };
    }
}
