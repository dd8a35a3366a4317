namespace ReproBuild.Tasks.Stages;

/// <summary>
/// A stage's declared outputs in the project folder and the record that vouches for them. Outputs change only in one
/// order: the record goes, the old outputs go, the new ones are moved in (each by one rename, from a staging folder
/// in obj/), and the record is written last. A build stopped anywhere in between leaves outputs without a record,
/// which no build trusts: the stage runs (or is restored) again.
/// </summary>
internal sealed class StageOutputs(StageItem stage, IntermediateLayout layout, string projectDirectory)
{
    private const string StagingPrefix = "staging-";

    public string RecordFile => layout.StageRecordFile(stage.Name);

    /// <summary>Removes the record, every declared output, and the staging folders of earlier runs that were stopped.</summary>
    public void Clear()
    {
        foreach (var file in stage.Outputs.Prepend(RecordFile).Where(File.Exists))
        {
            File.Delete(file);
        }
        var work = layout.StageWorkDirectory(stage.Name);
        if (Directory.Exists(work))
        {
            foreach (var staging in Directory.EnumerateDirectories(work, StagingPrefix + "*"))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>A new, empty staging folder with every output's folder made in it: the program writes there.</summary>
    public string NewStagingDirectory()
    {
        var staging = Path.Combine(layout.StageWorkDirectory(stage.Name), $"{StagingPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        foreach (var output in stage.Outputs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(StagedPath(staging, output))!);
        }
        return staging;
    }

    /// <summary>Where an output is written in a staging folder: under the same path relative to the project folder.</summary>
    public string StagedPath(string staging, string output) => Path.Combine(staging, Path.GetRelativePath(projectDirectory, output));

    /// <summary>Moves the staged outputs into the project folder, each by one rename; the staging folder goes. The record comes after.</summary>
    public void MoveIntoPlace(string staging)
    {
        foreach (var output in stage.Outputs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.Move(StagedPath(staging, output), output, overwrite: true);
        }
        Directory.Delete(staging, recursive: true);
    }
}
