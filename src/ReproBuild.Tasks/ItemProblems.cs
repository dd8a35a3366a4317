using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReproBuild.Tasks;

/// <summary>Reports a problem with an item's metadata as an RB error at the element that declares it (or, failing that, its project file).</summary>
/// <param name="log">Where to report; null only counts, for tasks that leave reporting to the build's own checks.</param>
internal sealed class ItemProblems(TaskLoggingHelper? log, string projectFile)
{
    private readonly Dictionary<(string File, string ItemType), ItemLocator> _locators = [];

    /// <summary>Counts problems without reporting them.</summary>
    public static ItemProblems Silent => new(null, "");

    public int ErrorCount { get; private set; }

    public void Error(string code, string message)
    {
        ErrorCount++;
        log?.LogError(null, code, null, projectFile, 0, 0, 0, 0, message);
    }

    /// <summary>
    /// Reports at the item's own element — its line and column in the file that declares it — when the element is
    /// written there with this Include and these metadata values; at that file without a line otherwise.
    /// </summary>
    public void ErrorAtElement(ITaskItem item, string itemType, string code, string message, params string[] metadata)
    {
        ErrorCount++;
        if (log is null)
        {
            return;
        }
        var file = item.GetMetadata("DefiningProjectFullPath") is { Length: > 0 } defining ? defining : projectFile;
        if (!_locators.TryGetValue((file, itemType), out var locator))
        {
            _locators[(file, itemType)] = locator = new ItemLocator(file, itemType);
        }
        var (line, column) = locator.Find(item.ItemSpec, [.. metadata.Select(name => (name, item.GetMetadata(name)))]);
        log.LogError(null, code, null, file, line, column, 0, 0, message);
    }
}
