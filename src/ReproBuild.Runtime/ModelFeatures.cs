namespace ReproBuild.Runtime;

/// <summary>
/// Which columns a model is trained on: the ones its Model item names, else every column but the label and the
/// ignored ones, in the data's order. The engine trains with this rule and a served model checks its input with it.
/// </summary>
internal static class ModelFeatures
{
    public static string[] Select(IReadOnlyCollection<string> features, IReadOnlyCollection<string> ignore, string label, IEnumerable<string> columns) =>
        features.Count > 0
            ? [.. features]
            : columns.Where(name => name != label && !ignore.Contains(name)).ToArray();
}
