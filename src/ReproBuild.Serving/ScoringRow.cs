using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Serving;

/// <summary>
/// The one input row a <see cref="ModelScorer"/> feeds its model, refilled for every prediction: what ML.NET's
/// PredictionEngine does with a typed object, done with the model's own input schema, so no class per model is needed.
/// Columns that are not features (the label, ignored columns) read as their type's default; the model does not use them.
/// </summary>
internal sealed class ScoringRow : DataViewRow
{
    private readonly DataViewSchema _schema;
    private readonly int[] _slot;
    private readonly bool[] _numeric;
    private readonly float[] _numbers;
    private readonly ReadOnlyMemory<char>[] _texts;
    private long _position = -1;

    public ScoringRow(DataViewSchema schema, RowLayout layout)
    {
        _schema = schema;
        _slot = new int[schema.Count];
        _numeric = new bool[schema.Count];
        Array.Fill(_slot, -1);
        for (var field = 0; field < layout.Fields.Length; field++)
        {
            var column = schema[layout.Fields[field].Name];
            _slot[column.Index] = layout.Slots[field];
            _numeric[column.Index] = layout.Fields[field].IsNumeric;
        }
        _numbers = new float[layout.NumberCount];
        _texts = new ReadOnlyMemory<char>[layout.TextCount];
    }

    public override DataViewSchema Schema => _schema;

    public override long Position => _position;

    public override long Batch => 0;

    /// <summary>Takes one row's values. The position moves on, so ML.NET's getters, which cache by position, see a new row.</summary>
    public void Load(ReadOnlySpan<float> numbers, ReadOnlySpan<ReadOnlyMemory<char>> texts)
    {
        numbers.CopyTo(_numbers);
        texts.CopyTo(_texts);
        _position++;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var slot = _slot[column.Index];
        if (slot < 0)
        {
            return (ref TValue value) => value = default!;
        }
        Delegate getter = _numeric[column.Index]
            ? (ValueGetter<float>)((ref float value) => value = _numbers[slot])
            : (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = _texts[slot]);
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is read as {(_numeric[column.Index] ? "float" : "text")}, not {typeof(TValue).Name}.");
    }
}
