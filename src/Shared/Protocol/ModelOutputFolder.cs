using System.Text;

namespace ReproBuild;

/// <summary>
/// A model's output folder under obj/, written the one way that never shows a half-made model: every file goes into
/// a staging folder of this writer's own beside it, and one rename makes them current. The staging name is unique
/// to the writer, so two writers (an overlapping build, an engine orphaned by a killed build) never write into each
/// other's files; the leftovers of killed writers go when the model's outputs are next cleared. The engine (after
/// training) and the model cache (restoring) both write through this.
/// </summary>
internal sealed class ModelOutputFolder : IDisposable
{
    private const string StagingInfix = ".staging-";
    private readonly string _final;
    private readonly string _staging;
    private bool _moved;

    public ModelOutputFolder(string outputDirectory)
    {
        _final = Trimmed(outputDirectory);
        _staging = $"{_final}{StagingInfix}{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(_staging);
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
    }

    /// <summary>Removes a model's outputs and any staging folders that killed writers left beside them.</summary>
    public static void Clear(string outputDirectory)
    {
        var final = Trimmed(outputDirectory);
        DeleteDirectory(final);
        var parent = Path.GetDirectoryName(final)!;
        if (Directory.Exists(parent))
        {
            foreach (var staging in Directory.EnumerateDirectories(parent, Path.GetFileName(final) + StagingInfix + "*"))
            {
                DeleteDirectory(staging);
            }
        }
    }

    public void Dispose()
    {
        if (!_moved)
        {
            DeleteDirectory(_staging);
        }
    }

    private static string Trimmed(string directory) =>
        Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
