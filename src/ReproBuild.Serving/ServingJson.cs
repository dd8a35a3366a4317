using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReproBuild.Serving;

/// <summary>
/// The JSON every answer is written in: camelCase names, nulls kept (a null metric is a fact), and quotes and
/// non-ASCII letters written as they are (answers are JSON for programs, never embedded in HTML).
/// </summary>
internal static class ServingJson
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
