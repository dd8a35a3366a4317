namespace ReproBuild.Runtime.Schema;

/// <summary>
/// The shared reading of <c>date</c>, <c>time</c> and <c>datetime</c>: the ISO <c>default</c> format by hand,
/// <c>any</c> by <see cref="AnyTemporalParser"/>, anything else as a strptime <see cref="StrptimePattern"/>.
/// </summary>
internal abstract class TemporalFieldType(string name, string format, StrptimePattern? pattern) : FieldType(name, format)
{
    public const string AnyFormat = "any";

    public override ValueOrder Order => ValueOrder.Long;

    public override ValueMatch Match => ValueMatch.Long;

    public sealed override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        bool parsed;
        TemporalParts parts;
        if (pattern is not null)
        {
            parsed = pattern.TryParse(text, out parts);
        }
        else if (Format == AnyFormat)
        {
            parsed = AnyTemporalParser.TryParse(text, out parts) && HasEnough(parts);
        }
        else
        {
            parsed = TryParseDefault(text, out parts);
        }
        if (!parsed)
        {
            value = CellValue.None;
            return false;
        }
        return Compose(parts, out value);
    }

    public override string Expectation => Format switch
    {
        DefaultFormat => $"is not a valid {Name} ({DefaultPattern})",
        AnyFormat => $"is not a recognizable {Name} (format 'any')",
        _ => base.Expectation,
    };

    /// <summary>The default format for messages: "YYYY-MM-DD".</summary>
    protected abstract string DefaultPattern { get; }

    protected abstract bool TryParseDefault(ReadOnlySpan<char> text, out TemporalParts parts);

    /// <summary>Whether what the <c>any</c> reading found is enough for this type.</summary>
    protected abstract bool HasEnough(in TemporalParts parts);

    protected abstract bool Compose(in TemporalParts parts, out CellValue value);
}
