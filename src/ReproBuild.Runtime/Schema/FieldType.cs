namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A Table Schema type with its format and options: casts a cell's text to its logical value (allocation-free for the
/// common types) and says which constraints apply to it and how its values compare.
/// </summary>
internal abstract class FieldType(string name, string format)
{
    public const string DefaultFormat = "default";

    /// <summary>The type's name as in the descriptor: <c>number</c>, <c>date</c>, ….</summary>
    public string Name { get; } = name;

    /// <summary>The format as in the descriptor (without a v0 <c>fmt:</c> prefix); <c>default</c> when absent.</summary>
    public string Format { get; } = format;

    /// <summary>Values train as numbers (number, integer, year).</summary>
    public virtual bool IsNumeric => false;

    public virtual ValueOrder Order => ValueOrder.None;

    public virtual ValueMatch Match => ValueMatch.Key;

    /// <summary>minLength and maxLength apply.</summary>
    public virtual bool HasLength => false;

    /// <summary>pattern applies.</summary>
    public virtual bool HasPattern => false;

    /// <summary>The v2 categories property applies.</summary>
    public virtual bool HasCategories => false;

    /// <summary>The v2 jsonSchema constraint applies (it is not supported, but is not an error).</summary>
    public virtual bool HasJsonSchema => false;

    /// <summary>Casts a cell; false when the text is not a value of this type and format.</summary>
    public abstract bool TryCast(ReadOnlySpan<char> text, out CellValue value);

    /// <summary>A canonical text of the value: equal logical values give equal keys.</summary>
    public abstract string Key(ReadOnlySpan<char> text, in CellValue value);

    /// <summary>The value as a number for profiles and training; null when the type is not numeric.</summary>
    public virtual double? ToNumber(in CellValue value) => null;

    /// <summary>The length that minLength and maxLength test.</summary>
    public virtual int Length(ReadOnlySpan<char> text, in CellValue value) => value.Count;

    /// <summary>What a value that fails to cast is not, for messages: "is not a valid integer".</summary>
    public virtual string Expectation =>
        Format == DefaultFormat ? $"is not a valid {Name}" : $"is not a valid {Name} in format '{Format}'";

    /// <summary>
    /// Casts a value written in the descriptor (a constraint bound, an enum or category value). Strings are physical
    /// values, cast like cells; JSON numbers and booleans are logical values that only some types accept.
    /// <paramref name="text"/> is the physical text the value stands for.
    /// </summary>
    public virtual bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.IsString)
        {
            text = node.Text!;
            return TryCast(text, out value);
        }
        value = CellValue.None;
        text = node.Display;
        return false;
    }

    /// <summary>Compares two values of this type by its <see cref="Order"/>.</summary>
    public int Compare(in CellValue a, in CellValue b) => Order switch
    {
        ValueOrder.Double => a.Double.CompareTo(b.Double),
        ValueOrder.Long => a.Long.CompareTo(b.Long),
        ValueOrder.Integer => CellValue.CompareIntegers(a, b),
        _ => 0,
    };
}
