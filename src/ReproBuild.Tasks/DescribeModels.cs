using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Tells another project (a test project with metric gates) which models this project builds: per model its
/// task, the metrics its last build recorded, the assembly it is embedded in and the lock file that holds its
/// baseline. It reads only small files in obj/.
/// </summary>
public sealed class DescribeModels : ReproBuildTask
{
    /// <summary>The project's <c>Model</c> items.</summary>
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>ReproBuild's folder under obj/.</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The name of the assembly the models are embedded in.</summary>
    [Required]
    public string AssemblyName { get; set; } = "";

    /// <summary>The lock file (<c>$(ReproBuildLockFile)</c>).</summary>
    [Required]
    public string LockFile { get; set; } = "";

    /// <summary>One item per model with Task, Metrics (;-separated), Sha256, AssemblyName, LockFile and Columns (its drift reference's, ;-separated) metadata.</summary>
    [Output]
    public ITaskItem[] Descriptions { get; private set; } = [];

    private protected override bool Run()
    {
        var layout = new IntermediateLayout(IntermediateDirectory);
        var descriptions = new List<ITaskItem>();
        foreach (var model in Models)
        {
            var name = ModelItem.NameOf(model);
            var description = new TaskItem(name);
            var resultFile = layout.ModelOutputFile(name, ModelOutputFiles.Result);
            var result = File.Exists(resultFile) ? ReproJson.Read<ModelResult>(resultFile) : null;
            description.SetMetadata("Task", result?.Task ?? Catalog.NormalizeTask(model.GetMetadata("Task")) ?? "");
            description.SetMetadata("Metrics", result is null ? "" : string.Join(";", result.Metrics.Keys));
            description.SetMetadata("Sha256", result?.Sha256 ?? "");
            description.SetMetadata("AssemblyName", AssemblyName);
            description.SetMetadata("Columns", string.Join(";", ReferenceColumns(layout.ModelOutputFile(name, ModelOutputFiles.Reference))));
            description.SetMetadata("LockFile", Path.GetFullPath(LockFile));
            descriptions.Add(description);
        }
        Descriptions = [.. descriptions];
        return true;
    }

    /// <summary>The input columns a model's drift reference records; none before the model was built.</summary>
    private static IEnumerable<string> ReferenceColumns(string referenceFile)
    {
        if (!File.Exists(referenceFile))
        {
            return [];
        }
        try
        {
            using var reference = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(referenceFile));
            return [.. reference.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [];
        }
    }
}
