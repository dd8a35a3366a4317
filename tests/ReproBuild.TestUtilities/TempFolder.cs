namespace ReproBuild.Tests;

/// <summary>
/// A fresh folder under the system temp directory, deleted on <see cref="Dispose"/>: one per unit test, or one per
/// test run holding everything the run builds. Folders of one <c>kind</c> sit side by side in
/// <c>reprobuild-{kind}/</c>, with short names: paths stay well within socket and path length limits.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string kind = "unit-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"reprobuild-{kind}", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> exactly as given (no BOM, no newline translation) and returns the full path.</summary>
    public string Write(string name, string content) => WriteBytes(name, new System.Text.UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => DeleteQuietly(Path);

    /// <summary>
    /// Deletes a folder the tests made, if it is there. A file some process still holds (an orphaned build, a
    /// read-only folder a test made) must not turn a passing test into a failure; what is left is in the temp folder.
    /// </summary>
    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
