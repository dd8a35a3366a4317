namespace ReproBuild.Runtime.Schema;

/// <summary>
/// <c>list</c> (v2): items separated by the delimiter (default ','), each a value of the item type in its default
/// format (string, integer, number, boolean, date, time, datetime); its length is its number of items.
/// </summary>
internal sealed class ListFieldType(string delimiter, FieldType itemType) : FieldType("list", DefaultFormat)
{
    public static readonly string[] ItemTypes = ["string", "integer", "number", "boolean", "date", "time", "datetime"];

    public override bool HasLength => true;

    public override bool TryCast(ReadOnlySpan<char> text, out CellValue value)
    {
        var count = 0;
        while (true)
        {
            var at = text.IndexOf(delimiter, StringComparison.Ordinal);
            var item = at < 0 ? text : text[..at];
            if (!itemType.TryCast(item, out _))
            {
                value = CellValue.None;
                return false;
            }
            count++;
            if (at < 0)
            {
                break;
            }
            text = text[(at + delimiter.Length)..];
        }
        value = CellValue.FromCount(count);
        return true;
    }

    public override string Key(ReadOnlySpan<char> text, in CellValue value) => text.ToString();

    public override string Expectation => $"is not a valid list of {itemType.Name} items separated by '{delimiter}'";
}
