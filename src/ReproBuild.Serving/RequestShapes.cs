using System.Text.Json;

namespace ReproBuild.Serving;

/// <summary>
/// The bodies the endpoints take, turned into a checked <see cref="InputBatch"/>: <c>predict</c> takes one row (a JSON
/// object keyed by column name) or an array of them; <c>invocations</c> takes MLflow's scoring bodies —
/// <c>dataframe_split</c>, <c>dataframe_records</c>, or <c>inputs</c>/<c>instances</c> as records or as columns.
/// </summary>
internal static class RequestShapes
{
    public static (InputBatch? Batch, ServingProblem? Problem) Predict(JsonElement root, RowLayout layout, ServingOptions options)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                var one = new InputBatch(layout, 1, options.MaxProblemsListed);
                RowReader.ReadRecord(root, 0, one);
                return (one, null);
            case JsonValueKind.Array when root.GetArrayLength() > 0:
                return Records(root, layout, options);
            default:
                return (null, ServingProblem.BadShape("predict takes one row, a JSON object keyed by column name, or a non-empty array of them."));
        }
    }

    public static (InputBatch? Batch, ServingProblem? Problem) Invocations(JsonElement root, RowLayout layout, ServingOptions options)
    {
        const string shapes = "invocations takes a JSON object with one of: dataframe_split ({\"columns\": [...], \"data\": [[...]]}), dataframe_records ([{...}]), inputs or instances (records, or an object of columns).";
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ServingProblem.BadShape(shapes));
        }
        JsonProperty? found = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("dataframe_split" or "dataframe_records" or "inputs" or "instances") || found is not null)
            {
                return (null, ServingProblem.BadShape($"'{property.Name}' is not expected here: {shapes}"));
            }
            found = property;
        }
        if (found is not { } input)
        {
            return (null, ServingProblem.BadShape(shapes));
        }
        var value = input.Value;
        switch (input.Name)
        {
            case "dataframe_split":
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
                    || !value.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() == 0)
                {
                    return (null, ServingProblem.BadShape("dataframe_split must be an object with 'columns' (an array of names) and 'data' (a non-empty array of rows)."));
                }
                var split = new InputBatch(layout, data.GetArrayLength(), options.MaxProblemsListed);
                RowReader.ReadSplit(columns, data, split);
                return (split, null);
            case "dataframe_records":
                return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
                    ? Records(value, layout, options)
                    : (null, ServingProblem.BadShape("dataframe_records must be a non-empty array of rows keyed by column name."));
            default:
                if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                {
                    return Records(value, layout, options);
                }
                if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Array } first
                    && first.Value.GetArrayLength() > 0)
                {
                    var columnar = new InputBatch(layout, first.Value.GetArrayLength(), options.MaxProblemsListed);
                    RowReader.ReadColumns(value, columnar.Rows, columnar);
                    return (columnar, null);
                }
                return (null, ServingProblem.BadShape($"{input.Name} must be a non-empty array of rows keyed by column name, or an object of equally long column arrays."));
        }
    }

    private static (InputBatch?, ServingProblem?) Records(JsonElement records, RowLayout layout, ServingOptions options)
    {
        var batch = new InputBatch(layout, records.GetArrayLength(), options.MaxProblemsListed);
        RowReader.ReadRecords(records, batch);
        return (batch, null);
    }
}
