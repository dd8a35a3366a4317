using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime.Data;

/// <summary>One column of an in-memory table, as ML.NET sees it: a name, a type, and a getter by row index.</summary>
internal abstract class TableColumn(string name, DataViewType type)
{
    public string Name { get; } = name;

    public DataViewType Type { get; } = type;

    public abstract ValueGetter<TValue> CreateGetter<TValue>(Func<int> row);

    protected ValueGetter<TValue> Cast<TValue, TStored>(ValueGetter<TStored> getter) =>
        getter as ValueGetter<TValue>
        ?? throw new InvalidOperationException($"Column '{Name}' holds {typeof(TStored).Name}, not {typeof(TValue).Name}.");
}

internal sealed class NumberColumn(string name, float[] values) : TableColumn(name, NumberDataViewType.Single)
{
    public float[] Values { get; } = values;

    public override ValueGetter<TValue> CreateGetter<TValue>(Func<int> row) =>
        Cast<TValue, float>((ref float value) => value = Values[row()]);
}

internal sealed class TextColumn(string name, string[] values) : TableColumn(name, TextDataViewType.Instance)
{
    public string[] Values { get; } = values;

    public override ValueGetter<TValue> CreateGetter<TValue>(Func<int> row) =>
        Cast<TValue, ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = Values[row()].AsMemory());
}

internal sealed class BooleanColumn(string name, bool[] values) : TableColumn(name, BooleanDataViewType.Instance)
{
    public bool[] Values { get; } = values;

    public override ValueGetter<TValue> CreateGetter<TValue>(Func<int> row) =>
        Cast<TValue, bool>((ref bool value) => value = Values[row()]);
}
