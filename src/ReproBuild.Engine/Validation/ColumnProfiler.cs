using ReproBuild.Protocol;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// Profiles one column in the same pass that checks it: missing values, distinct values (counted up to a
/// limit), and for numbers the exact range, mean and standard deviation (Welford), and a ten-bin histogram of a
/// fixed-seed reservoir sample — exact bins would need a second pass over the file.
/// </summary>
internal sealed class ColumnProfiler
{
    public const int SampleSize = 10_000;

    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _distinctSpans;
    private readonly float[] _sample = new float[SampleSize];
    // A fixed-seed SplitMix64 stream: the same sample on every machine and run, and far cheaper per value than a
    // seeded System.Random (which keeps its slow legacy algorithm for compatibility).
    private ulong _randomState = 20_240_601;
    private bool _capped;
    private long _values;
    private long _missing;
    private long _numbers;
    private double _minimum = double.PositiveInfinity;
    private double _maximum = double.NegativeInfinity;
    private double _mean;
    private double _m2;

    public ColumnProfiler() => _distinctSpans = _distinct.GetAlternateLookup<ReadOnlySpan<char>>();

    public void AddMissing() => _missing++;

    public void AddText(ReadOnlySpan<char> value)
    {
        _values++;
        CountDistinct(value);
    }

    public void AddNumber(double number, ReadOnlySpan<char> value)
    {
        _values++;
        CountDistinct(value);
        if (!double.IsFinite(number))
        {
            return;
        }
        _numbers++;
        _minimum = Math.Min(_minimum, number);
        _maximum = Math.Max(_maximum, number);
        var delta = number - _mean;
        _mean += delta / _numbers;
        _m2 += delta * (number - _mean);
        if (_numbers <= SampleSize)
        {
            _sample[_numbers - 1] = (float)number;
        }
        else if (NextRandom() % (ulong)_numbers is var slot && slot < SampleSize)
        {
            _sample[slot] = (float)number;
        }
    }

    public ColumnProfile Build()
    {
        if (_numbers == 0)
        {
            return new ColumnProfile(_values, _missing, _distinct.Count, _capped, null, null, null, null, null);
        }
        var histogram = new long[10];
        var width = (_maximum - _minimum) / histogram.Length;
        foreach (var value in _sample.AsSpan(0, (int)Math.Min(_numbers, SampleSize)))
        {
            var bin = width == 0 ? 0 : (int)Math.Min(histogram.Length - 1, (value - _minimum) / width);
            histogram[Math.Max(bin, 0)]++;
        }
        var deviation = _numbers > 1 ? Math.Sqrt(_m2 / (_numbers - 1)) : 0;
        return new ColumnProfile(_values, _missing, _distinct.Count, _capped, _minimum, _maximum, Round(_mean), Round(deviation), histogram);
    }

    private void CountDistinct(ReadOnlySpan<char> value)
    {
        if (_capped)
        {
            return;
        }
        if (!_distinctSpans.Contains(value))
        {
            if (_distinct.Count == ColumnProfile.DistinctLimit)
            {
                _capped = true;
                return;
            }
            _distinctSpans.Add(value);
        }
    }

    private ulong NextRandom()
    {
        var z = _randomState += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    // Summation order is fixed, but round away the last bits so profiles read cleanly in reports and diffs.
    private static double Round(double value) => Math.Round(value, 10);
}
