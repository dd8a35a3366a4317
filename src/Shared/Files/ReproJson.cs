using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ReproBuild;

/// <summary>
/// The one JSON dialect of every file ReproBuild writes: camelCase, indented, LF line endings and a final
/// newline, properties in declaration order and dictionaries sorted by the writer, so equal content gives equal bytes.
/// </summary>
internal static partial class ReproJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = Resolver(),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // These files are read by people and diffed in reviews, never embedded in HTML: keep quotes and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// An assembly that declares its own source-generated contract for these files (the MSBuild tasks, which run in a
    /// fresh process on every build) uses it first: no reflection and no code emitted at run time. Any other type,
    /// and every type in an assembly that declares none, goes through reflection, to the same bytes.
    /// </summary>
    private static IJsonTypeInfoResolver Resolver()
    {
        IJsonTypeInfoResolver? generated = null;
        GeneratedContract(ref generated);
        return generated is null ? new DefaultJsonTypeInfoResolver() : JsonTypeInfoResolver.Combine(generated, new DefaultJsonTypeInfoResolver());
    }

    static partial void GeneratedContract(ref IJsonTypeInfoResolver? resolver);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("The document is empty.");

    public static T Read<T>(string path) => Deserialize<T>(File.ReadAllText(path));
}
