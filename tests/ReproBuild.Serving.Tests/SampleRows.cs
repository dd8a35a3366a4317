using System.Globalization;
using System.Text.Json.Nodes;

namespace ReproBuild.Serving.Tests;

/// <summary>Rows of the sample's data files as JSON objects keyed by column name, the label left out: what a caller sends.</summary>
internal static class SampleRows
{
    public static readonly JsonObject Iris = new()
    {
        ["sepal_length"] = 5.1, ["sepal_width"] = 3.5, ["petal_length"] = 1.4, ["petal_width"] = 0.2,
    };

    public static readonly JsonObject Diabetes = new()
    {
        ["age"] = 59, ["sex"] = 2, ["bmi"] = 32.1, ["bp"] = 101.0, ["s1"] = 157, ["s2"] = 93.2, ["s3"] = 38.0, ["s4"] = 4.0, ["s5"] = 4.8598, ["s6"] = 87,
    };

    /// <summary>The first <paramref name="count"/> rows of <c>data/&lt;dataset&gt;.csv</c> (no quoted commas in the sample's files), without <paramref name="label"/>.</summary>
    public static List<JsonObject> Read(string dataset, string label, int count)
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", dataset + ".csv")).Take(count + 1).ToArray();
        var names = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var row = new JsonObject();
            foreach (var (name, value) in names.Zip(line.Split(',')))
            {
                if (name != label)
                {
                    row[name] = double.Parse(value, CultureInfo.InvariantCulture);
                }
            }
            return row;
        }).ToList();
    }

    /// <summary>A copy of <paramref name="row"/> with <paramref name="field"/> set to <paramref name="value"/> (removed when <paramref name="remove"/>).</summary>
    public static JsonObject With(JsonObject row, string field, JsonNode? value, bool remove = false)
    {
        var copy = (JsonObject)row.DeepClone();
        if (remove)
        {
            copy.Remove(field);
        }
        else
        {
            copy[field] = value;
        }
        return copy;
    }
}
