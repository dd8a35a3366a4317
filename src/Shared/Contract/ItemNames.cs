using System.Globalization;
using System.Text;

namespace ReproBuild;

/// <summary>
/// What a dataset or model name may be, and its one spelling. Names become file names under obj/, lock file keys,
/// resource names and <c>AssemblyMetadata</c> keys, and the runtime looks models up by them; "ü" typed as one code
/// point on one machine and as "u" plus a combining diaeresis on another (macOS file names, some editors) must be
/// the same name, so every name is brought to Unicode NFC where it is read.
/// </summary>
internal static class ItemNames
{
    public static string Normalize(string name)
    {
        try
        {
            return name.IsNormalized(NormalizationForm.FormC) ? name : name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not well-formed UTF-16 (a lone surrogate): no spelling is more canonical, and the name checks refuse it.
            return name;
        }
    }

    /// <summary>
    /// Letters, digits, '_', '-' and '.', starting with a letter, digit or '_'. Combining marks may follow a letter,
    /// so that words of scripts without precomposed characters (Devanagari, Thai…) are names too.
    /// </summary>
    public static bool IsDatasetName(string name) =>
        name.Length > 0
        && (char.IsLetterOrDigit(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || IsCombiningMark(c) || c is '_' or '-' or '.');

    /// <summary>
    /// A C# identifier as the language specification defines one (identifier_start_character, then
    /// identifier_part_characters): what the C# compiler accepts, character by character, as Roslyn checks it.
    /// </summary>
    public static bool IsModelName(string name) =>
        name.Length > 0 && IsIdentifierStart(name[0]) && name.Skip(1).All(IsIdentifierPart);

    private static bool IsIdentifierStart(char c) => c == '_' || IsLetterCharacter(c);

    private static bool IsIdentifierPart(char c) =>
        IsLetterCharacter(c)
        || IsCombiningMark(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Format;

    private static bool IsLetterCharacter(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
