using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime;

/// <summary>
/// What a model's scored evaluation rows hold, read in one pass before any metric is computed. ML.NET's evaluators
/// give 0 for no rows, skip rows whose score is NaN without a word, and throw for a binary label with one class; these
/// cases are found here, so that no metric they would distort is ever reported as a number.
/// </summary>
/// <param name="Count">The rows evaluated.</param>
/// <param name="NonFinite">Rows whose score or probability is NaN or infinite.</param>
/// <param name="FirstNonFinite">The first such value, for messages.</param>
/// <param name="SingleLabel">Every row has the same label (and there is at least one row).</param>
internal sealed record ScoredRows(long Count, long NonFinite, float? FirstNonFinite, bool SingleLabel)
{
    public const string ScoreColumn = "Score";
    public const string ProbabilityColumn = "Probability";

    public static ScoredRows Read(IDataView scored, string task, string labelColumn)
    {
        var schema = scored.Schema;
        var score = schema[ScoreColumn];
        var probability = schema.GetColumnOrNull(ProbabilityColumn);
        var label = schema[task == Catalog.MulticlassClassification ? ModelEvaluator.KeyLabelColumn : labelColumn];
        var columns = new List<DataViewSchema.Column> { score, label };
        if (probability is { } p)
        {
            columns.Add(p);
        }

        using var cursor = scored.GetRowCursor(columns);
        var scores = NonFiniteIn(cursor, score);
        var probabilities = probability is { } column ? NonFiniteIn(cursor, column) : null;
        var labels = LabelOf(cursor, label);
        long count = 0, nonFinite = 0;
        float? firstNonFinite = null;
        double? firstLabel = null;
        var singleLabel = true;
        while (cursor.MoveNext())
        {
            count++;
            if ((scores() ?? probabilities?.Invoke()) is { } bad)
            {
                nonFinite++;
                firstNonFinite ??= bad;
            }
            var value = labels();
            firstLabel ??= value;
            singleLabel &= value.Equals(firstLabel.Value);
        }
        return new ScoredRows(count, nonFinite, firstNonFinite, count > 0 && singleLabel);
    }

    /// <summary>Reads the column's value in the current row: its first NaN or infinite number, or null. A score is one number (binary, regression) or one per class (multiclass).</summary>
    private static Func<float?> NonFiniteIn(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var vector = cursor.GetGetter<VBuffer<float>>(column);
            var buffer = default(VBuffer<float>);
            return () =>
            {
                vector(ref buffer);
                foreach (var value in buffer.GetValues())
                {
                    if (!float.IsFinite(value))
                    {
                        return value;
                    }
                }
                return null;
            };
        }
        var single = cursor.GetGetter<float>(column);
        return () =>
        {
            var value = 0f;
            single(ref value);
            return float.IsFinite(value) ? null : value;
        };
    }

    private static Func<double> LabelOf(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case BooleanDataViewType:
                var flag = cursor.GetGetter<bool>(column);
                return () =>
                {
                    var value = false;
                    flag(ref value);
                    return value ? 1 : 0;
                };
            case KeyDataViewType:
                var key = cursor.GetGetter<uint>(column);
                return () =>
                {
                    var value = 0u;
                    key(ref value);
                    return value;
                };
            default:
                var number = cursor.GetGetter<float>(column);
                return () =>
                {
                    var value = 0f;
                    number(ref value);
                    return value;
                };
        }
    }
}
