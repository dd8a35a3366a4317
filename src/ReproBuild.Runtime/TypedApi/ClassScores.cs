namespace ReproBuild.Runtime.TypedApi;

/// <summary>A multiclass prediction's scores by class, for the typed API's <c>Scores</c>.</summary>
public static class ClassScores
{
    /// <summary>Each class with its score; <paramref name="scores"/> is in the order of <paramref name="classes"/>.</summary>
    public static IReadOnlyDictionary<string, float> By(IReadOnlyList<string> classes, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(scores);
        var byClass = new Dictionary<string, float>(Math.Min(classes.Count, scores.Length));
        for (var i = 0; i < Math.Min(classes.Count, scores.Length); i++)
        {
            byClass.Add(classes[i], scores[i]);
        }
        return byClass;
    }
}
