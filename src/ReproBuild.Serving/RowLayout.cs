using ReproBuild.Runtime;

namespace ReproBuild.Serving;

/// <summary>
/// Where each of a model's input fields goes in a scored row: numeric fields in one array of floats, text fields in
/// another. Field names are looked up as spans, so reading a request allocates no string per property name.
/// </summary>
internal sealed class RowLayout
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public RowLayout(InputContract contract)
    {
        Fields = [.. contract.Fields];
        Slots = new int[Fields.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Length; i++)
        {
            Slots[i] = Fields[i].IsNumeric ? NumberCount++ : TextCount++;
            index[Fields[i].Name] = i;
        }
        _lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public InputField[] Fields { get; }

    /// <summary>Per field: its index among the numeric fields or among the text fields.</summary>
    public int[] Slots { get; }

    public int NumberCount { get; }

    public int TextCount { get; }

    /// <summary>The field's index in <see cref="Fields"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var index) ? index : -1;
}
