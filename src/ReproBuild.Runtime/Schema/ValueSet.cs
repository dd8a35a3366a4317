using System.Numerics;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The allowed values of an enum constraint or of categories, compared in the field type's domain: numerically for
/// numbers and integers, by day or tick for dates and times, ordinally by text for strings (without allocating for a
/// cell), by canonical key for the rest.
/// </summary>
internal sealed class ValueSet
{
    private readonly FieldType _type;
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private readonly HashSet<double> _doubles = [];
    private readonly HashSet<long> _longs = [];
    private readonly HashSet<BigInteger> _bigs = [];

    public ValueSet(FieldType type)
    {
        _type = type;
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The values as written in the descriptor, for messages.</summary>
    public List<string> Display { get; } = [];

    public int Count => Display.Count;

    public void Add(string text, in CellValue value)
    {
        Display.Add(text);
        switch (_type.Match)
        {
            case ValueMatch.Text:
                _texts.Add(text);
                break;
            case ValueMatch.Double:
                _doubles.Add(value.Double == 0 ? 0d : value.Double);
                break;
            case ValueMatch.Long:
                _longs.Add(value.Long);
                break;
            case ValueMatch.Integer:
                if (value.Big is { } big)
                {
                    _bigs.Add(big);
                }
                else
                {
                    _longs.Add(value.Long);
                }
                break;
            default:
                _texts.Add(_type.Key(text, value));
                break;
        }
    }

    public bool Contains(ReadOnlySpan<char> text, in CellValue value) => _type.Match switch
    {
        ValueMatch.Text => _textLookup.Contains(text),
        ValueMatch.Double => _doubles.Contains(value.Double == 0 ? 0d : value.Double),
        ValueMatch.Long => _longs.Contains(value.Long),
        ValueMatch.Integer => value.Big is { } big ? _bigs.Contains(big) : _longs.Contains(value.Long),
        _ => _texts.Contains(_type.Key(text, value)),
    };

    /// <summary>The allowed values for a message: "'a', 'b', 'c'", shortened after ten.</summary>
    public string Describe()
    {
        const int Shown = 10;
        var shown = string.Join(", ", Display.Take(Shown).Select(v => $"'{CellText.Truncate(v)}'"));
        return Display.Count > Shown ? $"{shown}, … ({Display.Count} values)" : shown;
    }
}
