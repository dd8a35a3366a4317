using System.Buffers;

namespace ReproBuild.Serving;

/// <summary>
/// The checked values of a request's rows, ready to score: numbers and texts in arrays rented from the shared pool
/// (returned on <see cref="Dispose"/>), and every problem found — a batch with one problem is not scored at all.
/// </summary>
internal sealed class InputBatch : IDisposable
{
    private readonly RowLayout _layout;
    private readonly int _maxListed;
    private float[] _numbers;
    private ReadOnlyMemory<char>[] _texts;

    public InputBatch(RowLayout layout, int rows, int maxListed)
    {
        _layout = layout;
        _maxListed = maxListed;
        Rows = rows;
        _numbers = ArrayPool<float>.Shared.Rent(Math.Max(1, rows * layout.NumberCount));
        _texts = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(1, rows * layout.TextCount));
    }

    public int Rows { get; }

    public RowLayout Layout => _layout;

    /// <summary>The first problems found, up to the listing limit.</summary>
    public List<InputProblem> Problems { get; } = [];

    /// <summary>Every problem found, listed or not.</summary>
    public int ProblemCount { get; private set; }

    public ReadOnlySpan<float> Numbers(int row) => _numbers.AsSpan(row * _layout.NumberCount, _layout.NumberCount);

    public ReadOnlySpan<ReadOnlyMemory<char>> Texts(int row) => _texts.AsSpan(row * _layout.TextCount, _layout.TextCount);

    public void SetNumber(int row, int field, float value) => _numbers[row * _layout.NumberCount + _layout.Slots[field]] = value;

    public void SetText(int row, int field, ReadOnlyMemory<char> value) => _texts[row * _layout.TextCount + _layout.Slots[field]] = value;

    public void Problem(int? row, string? field, string rule, string? code, string detail)
    {
        ProblemCount++;
        if (Problems.Count < _maxListed)
        {
            Problems.Add(new InputProblem(row, field, rule, code, detail));
        }
    }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_numbers);
        ArrayPool<ReadOnlyMemory<char>>.Shared.Return(_texts, clearArray: true);
        _numbers = [];
        _texts = [];
    }
}
