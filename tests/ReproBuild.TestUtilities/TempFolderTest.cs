namespace ReproBuild.Tests;

/// <summary>
/// A test class whose every test gets a fresh <see cref="Temp"/> folder: MSTest makes one instance per test and
/// disposes it after the test's cleanup, so the folder goes with the test.
/// </summary>
public abstract class TempFolderTest : IDisposable
{
    protected TempFolder Temp { get; } = new();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
