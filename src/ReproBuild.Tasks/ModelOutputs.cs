using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Removes a model's outputs before it is rebuilt, so that a run that fails leaves no stale model standing in for
/// the current one.
/// </summary>
internal static class ModelOutputs
{
    /// <summary>Its folder under obj/ (with any staging leftovers) and its copies in the output folder.</summary>
    public static void Delete(IntermediateLayout layout, string model, string outputModelsDirectory)
    {
        ModelOutputFolder.Clear(layout.ModelOutputDirectory(model));
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

    /// <summary>The files of a model's obj/ folder that are copied to <c>$(OutDir)models/</c>, with their names there.</summary>
    public static IEnumerable<(string File, string CopyName)> Copies(string model)
    {
        yield return (ModelOutputFiles.Model, $"{model}.zip");
        yield return (ModelOutputFiles.Provenance, $"{model}.provenance.json");
        yield return (ModelOutputFiles.Metrics, $"{model}.metrics.json");
        yield return (ModelOutputFiles.Evaluation, $"{model}.evaluation.json");
        yield return (ModelOutputFiles.Reference, $"{model}.reference.json");
    }

    /// <summary>Copies in <c>$(OutDir)models/</c> whose size or time differ from the file in obj/ (edited by hand): the next build copies them again.</summary>
    public static IEnumerable<string> ChangedCopies(IntermediateLayout layout, string model, string outputModelsDirectory)
    {
        foreach (var (file, copyName) in Copies(model))
        {
            var copy = Path.Combine(outputModelsDirectory, copyName);
            if (FileStamp.Of(layout.ModelOutputFile(model, file)) is { } built && FileStamp.Of(copy) is { } copied && copied != built)
            {
                yield return copy;
            }
        }
    }
}
