namespace ReproBuild.Runtime.Schema;

/// <summary>The tokens that mark a cell as missing (null), compared exactly; the default is just the empty string.</summary>
internal sealed class MissingValues
{
    private readonly string[] _values;
    private readonly bool _onlyEmpty;

    public MissingValues(IReadOnlyList<string> values)
    {
        _values = [.. values];
        _onlyEmpty = _values is [""];
    }

    public static MissingValues Default { get; } = new([""]);

    public IReadOnlyList<string> Values => _values;

    public bool Contains(ReadOnlySpan<char> value)
    {
        if (_onlyEmpty)
        {
            return value.IsEmpty;
        }
        foreach (var token in _values)
        {
            if (value.SequenceEqual(token))
            {
                return true;
            }
        }
        return false;
    }
}
