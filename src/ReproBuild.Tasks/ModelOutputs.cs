namespace ReproBuild.Tasks;

/// <summary>
/// Removes a model's outputs before it is rebuilt, so that a run that fails leaves no stale model standing in for
/// the current one.
/// </summary>
internal static class ModelOutputs
{
    /// <summary>Its folder under obj/ and its copies in the output folder.</summary>
    public static void Delete(IntermediateLayout layout, string model, string outputModelsDirectory)
    {
        var directory = layout.ModelOutputDirectory(model);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        DeleteCopies(model, outputModelsDirectory);
    }

    /// <summary>Its copies in <c>$(OutDir)models/</c>.</summary>
    public static void DeleteCopies(string model, string outputModelsDirectory)
    {
        if (outputModelsDirectory.Length > 0 && Directory.Exists(outputModelsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(outputModelsDirectory, $"{model}.*"))
            {
                File.Delete(file);
            }
        }
    }
}
