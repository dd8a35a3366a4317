using System.Text;

namespace ReproBuild;

/// <summary>
/// A model's output folder under obj/, written the one way that never shows a half-made model: every file goes into
/// a staging folder of this writer's own beside it, and one rename makes them current. The staging name is unique
/// to the writer, so two writers (an overlapping build, an engine orphaned by a killed build) never write into each
/// other's files; the leftovers of killed writers go when the model's outputs are next cleared. The engine (after
/// training) and the model cache (restoring) both write through this.
/// Staging folders live in a folder of their own per model (<c>.staging/&lt;Model&gt;/</c> beside the models; a model's
/// name is an identifier, never <c>.staging</c>), so clearing one model's leftovers never lists every model's folder:
/// with a thousand models, that listing made restoring them all grow with the square of their number.
/// </summary>
internal sealed class ModelOutputFolder : IDisposable
{
    private const string StagingFolder = ".staging";
    private readonly string _final;
    private readonly string _staging;
    private bool _moved;

    public ModelOutputFolder(string outputDirectory)
    {
        _final = Trimmed(outputDirectory);
        _staging = Path.Combine(StagingFolderOf(_final), $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(_staging);
        }
        catch (DirectoryNotFoundException)
        {
            // Another writer removed the empty .staging folder between our creating it and our folder in it.
            Directory.CreateDirectory(_staging);
        }
    }

    public void Add(string name, string content) => Add(name, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content));

    public void Add(string name, byte[] content)
    {
        using var stream = new FileStream(Path.Combine(_staging, name), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Replaces whatever the folder held with the staged files, in one rename.</summary>
    public void MoveIntoPlace()
    {
        DeleteDirectory(_final);
        Directory.Move(_staging, _final);
        _moved = true;
        RemoveStagingFoldersIfEmpty(_final);
    }

    /// <summary>Removes a model's outputs and any staging folders that killed writers left beside them.</summary>
    public static void Clear(string outputDirectory)
    {
        var final = Trimmed(outputDirectory);
        DeleteDirectory(final);
        DeleteDirectory(StagingFolderOf(final));
        RemoveIfEmpty(Path.GetDirectoryName(StagingFolderOf(final))!);
    }

    public void Dispose()
    {
        if (!_moved)
        {
            DeleteDirectory(_staging);
            RemoveStagingFoldersIfEmpty(_final);
        }
    }

    private static string Trimmed(string directory) =>
        Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static string StagingFolderOf(string final) => Path.Combine(Path.GetDirectoryName(final)!, StagingFolder, Path.GetFileName(final));

    /// <summary>The model's staging folder, and <c>.staging</c>, once no writer uses them: no empty folder is left behind.</summary>
    private static void RemoveStagingFoldersIfEmpty(string final)
    {
        var staging = StagingFolderOf(final);
        RemoveIfEmpty(staging);
        RemoveIfEmpty(Path.GetDirectoryName(staging)!);
    }

    /// <summary>Removes a folder that is empty; another writer's staging folder in it keeps it.</summary>
    private static void RemoveIfEmpty(string path)
    {
        try
        {
            Directory.Delete(path, recursive: false);
        }
        catch (IOException)
        {
            // Not empty (another writer's staging folder) or already gone.
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
