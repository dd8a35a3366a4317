using System.Globalization;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// The most recent input rows a model scored, at most <see cref="Capacity"/>, oldest overwritten first: what
/// <c>GET /models/{name}/drift</c> and the drift gauges compare with the model's training reference. Adding copies the
/// already-checked values into preallocated slots under a short lock (texts become strings: the request's buffer is
/// returned after the answer); comparing takes a snapshot under the same lock and computes outside it.
/// </summary>
internal sealed class DriftWindow
{
    private readonly RowLayout _layout;
    private readonly float[] _numbers;
    private readonly string[] _texts;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;
    private long _version;

    public DriftWindow(RowLayout layout, DriftReference reference, int capacity)
    {
        _layout = layout;
        Reference = reference;
        Capacity = capacity;
        _numbers = new float[capacity * layout.NumberCount];
        _texts = new string[capacity * layout.TextCount];
        Columns = [.. layout.Fields.Select(f => f.Name)];
    }

    public DriftReference Reference { get; }

    public int Capacity { get; }

    /// <summary>The model's input fields, in the order <see cref="Snapshot"/> gives each row's values.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Takes a scored batch's rows.</summary>
    public void Add(InputBatch batch)
    {
        // Strings are made before the lock: the lock covers copies only.
        var texts = new string[batch.Rows * _layout.TextCount];
        for (var row = 0; row < batch.Rows; row++)
        {
            var values = batch.Texts(row);
            for (var slot = 0; slot < values.Length; slot++)
            {
                texts[row * _layout.TextCount + slot] = values[slot].Length == 0 ? "" : new string(values[slot].Span);
            }
        }
        lock (_gate)
        {
            // A batch larger than the window keeps only its last rows.
            for (var row = Math.Max(0, batch.Rows - Capacity); row < batch.Rows; row++)
            {
                batch.Numbers(row).CopyTo(_numbers.AsSpan(_next * _layout.NumberCount, _layout.NumberCount));
                texts.AsSpan(row * _layout.TextCount, _layout.TextCount).CopyTo(_texts.AsSpan(_next * _layout.TextCount, _layout.TextCount));
                _next = (_next + 1) % Capacity;
                _count = Math.Min(_count + 1, Capacity);
            }
            _version++;
        }
    }

    /// <summary>The rows held now, oldest first, each value as text in <see cref="Columns"/> order (a missing number is empty), and a version that changes with every batch added.</summary>
    public (IReadOnlyList<string[]> Rows, long Version) Snapshot()
    {
        float[] numbers;
        string[] texts;
        int count, first;
        long version;
        lock (_gate)
        {
            numbers = (float[])_numbers.Clone();
            texts = (string[])_texts.Clone();
            count = _count;
            first = count < Capacity ? 0 : _next;
            version = _version;
        }
        var rows = new string[count][];
        for (var i = 0; i < count; i++)
        {
            var slot = (first + i) % Capacity;
            var row = new string[_layout.Fields.Length];
            for (var field = 0; field < row.Length; field++)
            {
                var index = _layout.Slots[field];
                row[field] = _layout.Fields[field].IsNumeric
                    ? Text(numbers[slot * _layout.NumberCount + index])
                    : texts[slot * _layout.TextCount + index] ?? "";
            }
            rows[i] = row;
        }
        return (rows, version);
    }

    // The shortest text that reads back as the same float: the reference reads the window's numbers as the file reader reads a cell.
    private static string Text(float value) => float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
