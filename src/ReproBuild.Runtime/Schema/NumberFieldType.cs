using System.Globalization;

namespace ReproBuild.Runtime.Schema;

/// <summary><c>number</c>: decimals with the field's decimalChar, groupChar and bareNumber, an exponent, NaN, INF, -INF.</summary>
internal sealed class NumberFieldType(NumberSyntax syntax) : FieldType("number", DefaultFormat)
{
    public NumberSyntax Syntax { get; } = syntax;

    public override bool IsNumeric => true;

    public override ValueOrder Order => ValueOrder.Double;

    public override ValueMatch Match => ValueMatch.Double;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        var ok = Syntax.TryParseNumber(text, out var number);
        value = CellValue.FromDouble(number);
        return ok;
    }

    public override double? ToNumber(in CellValue value) => value.Double;

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => Canonical(value.Double);

    public override string Expectation => Options(Syntax, "is not a valid number");

    public override bool TryCastDescriptorValue(DescriptorNode node, out CellValue value, out string text)
    {
        if (node.IsNumber)
        {
            text = node.Text!;
            value = CellValue.FromDouble(node.Number);
            return !double.IsNaN(node.Number);
        }
        return base.TryCastDescriptorValue(node, out value, out text);
    }

    /// <summary>The shortest round-trip form, with 0 and -0 the same.</summary>
    public static string Canonical(double value) =>
        (value == 0 ? 0d : value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Adds the non-default lexical options to a message, so that "1,5" failing is explained.</summary>
    public static string Options(NumberSyntax syntax, string message)
    {
        var options = new List<string>();
        if (syntax.DecimalChar != ".")
        {
            options.Add($"decimalChar '{syntax.DecimalChar}'");
        }
        if (syntax.GroupChar.Length > 0)
        {
            options.Add($"groupChar '{syntax.GroupChar}'");
        }
        if (!syntax.BareNumber)
        {
            options.Add("bareNumber false");
        }
        return options.Count == 0 ? message : $"{message} ({string.Join(", ", options)})";
    }
}
