using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;

namespace ReproBuild.Tool.Projects;

/// <summary>
/// The part of <see cref="ReproBuildProject"/> that touches Microsoft.Build types: evaluation through a
/// <see cref="ProjectInstance"/>, and ReproBuild's reading targets (status, pipeline) through the <see cref="BuildManager"/>, in this process.
/// </summary>
internal sealed class MSBuildEvaluation : IDisposable
{
    private const string StatusTarget = "ReproBuildStatus";
    private const string PipelineTarget = "ReproBuildGetPipeline";
    private const string PublicTrainTarget = "ReproBuildTrain";
    private const string ExperimentTarget = "_ReproBuildApplyExperiment";
    private readonly ProjectCollection _collection;
    private readonly ProjectInstance _instance;

    public MSBuildEvaluation(string projectFile, ProjectOptions options, ConsoleOutput output)
    {
        ProjectFile = projectFile;
        var properties = GlobalProperties(options);
        _collection = new ProjectCollection(properties);
        try
        {
            _instance = ProjectInstance.FromFile(projectFile, new Microsoft.Build.Definition.ProjectOptions
            {
                GlobalProperties = properties,
                ProjectCollection = _collection,
            });
        }
        catch (InvalidProjectFileException e)
        {
            throw new ToolError($"MSBuild could not evaluate the project: {e.Message}");
        }
        output.Detail($"Evaluated {projectFile} with MSBuild from {MSBuildHost.MSBuildPath}");

        if (_instance.GetPropertyValue("TargetFramework").Length == 0 && _instance.GetPropertyValue("TargetFrameworks") is { Length: > 0 } frameworks)
        {
            throw new ToolError($"{projectFile} targets several frameworks ({frameworks}); choose one with --framework.");
        }
        LockFile = _instance.GetPropertyValue("ReproBuildLockFile");
        RunsDirectory = _instance.GetPropertyValue("ReproBuildRunsDirectory");
        if (LockFile.Length == 0 || RunsDirectory.Length == 0)
        {
            throw new ToolError($"{projectFile} does not import ReproBuild. If it has <PackageReference Include=\"ReproBuild\" ... />, run 'dotnet restore' (or 'dotnet build') first; otherwise add that reference.");
        }
        LockFile = Path.GetFullPath(LockFile, Path.GetDirectoryName(projectFile)!);
        // As _ReproBuildComputePaths computes it in a build of the same configuration and framework.
        // The SDK writes it with '\' (obj\Debug/net10.0/); MSBuild's tasks accept either, the file system here does not.
        var intermediateOutputPath = _instance.GetPropertyValue("IntermediateOutputPath").Replace('\\', Path.DirectorySeparatorChar);
        IntermediateDirectory = Path.Combine(Path.GetFullPath(intermediateOutputPath, Path.GetDirectoryName(projectFile)!), "reprobuild");
        RunsDirectory = Path.GetFullPath(RunsDirectory, Path.GetDirectoryName(projectFile)!);
    }

    public string ProjectFile { get; }

    public void Dispose() => _collection.Dispose();

    public string LockFile { get; }

    public string RunsDirectory { get; }

    /// <summary>ReproBuild's folder under obj/ for the chosen configuration and framework.</summary>
    public string IntermediateDirectory { get; }

    public IReadOnlyList<StatusItem> RunStatusTarget(ConsoleOutput output) =>
        RunTarget(StatusTarget, "check", output).Select(item => new StatusItem(
            item.Get("Kind"), item.Name, item.Get("Stale") == "true", item.Get("Reasons").Split('\n', StringSplitOptions.RemoveEmptyEntries), item.Metadata)).ToArray();

    public IReadOnlyList<TargetItem> RunPipelineTarget(ConsoleOutput output) => RunTarget(PipelineTarget, "describe", output);

    /// <summary>The project's <c>Model</c> items as MSBuild evaluates them: name and metadata (Parameters, Seed, Trainer, …).</summary>
    public IReadOnlyList<TargetItem> Models() =>
        _instance.GetItems("Model")
            .Select(item => new TargetItem(item.EvaluatedInclude, item.MetadataNames.ToDictionary(name => name, item.GetMetadataValue, StringComparer.Ordinal)))
            .ToArray();

    /// <summary>
    /// Runs the pipeline (<c>ReproBuildTrain</c>, nothing compiled) in this process, with <paramref name="properties"/> added
    /// to the global properties — an experiment of <c>reprobuild sweep</c>. The errors MSBuild reported, empty when it succeeded.
    /// </summary>
    public IReadOnlyList<string> RunPipeline(IReadOnlyDictionary<string, string> properties, ConsoleOutput output)
    {
        if (!_instance.Targets.ContainsKey(ExperimentTarget))
        {
            throw new ToolError($"{ProjectFile} uses a ReproBuild package without experiment builds (they came with the reprobuild tool's sweep command); update its ReproBuild package reference to this tool's version, then run 'dotnet restore'.");
        }
        var global = new Dictionary<string, string>(_instance.GlobalProperties, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in properties)
        {
            global[name] = value;
        }
        ProjectInstance instance;
        try
        {
            instance = ProjectInstance.FromFile(ProjectFile, new Microsoft.Build.Definition.ProjectOptions { GlobalProperties = global, ProjectCollection = _collection });
        }
        catch (InvalidProjectFileException e)
        {
            return [$"MSBuild could not evaluate the project: {e.Message}"];
        }
        // BuildOnlySettings is how the SDK's Build target says "a real build, not a design-time one"; ReproBuildTrain runs only then.
        var (_, messages) = Build(instance, ["BuildOnlySettings", PublicTrainTarget], output);
        return messages.Errors;
    }

    /// <summary>The project's <c>MetricGate</c> items and the projects it references, as MSBuild evaluates it (a test project needs no ReproBuild import).</summary>
    public static (IReadOnlyList<TargetItem> Gates, IReadOnlyList<string> References) ReadGateProject(string projectFile, ProjectOptions options)
    {
        using var collection = new ProjectCollection(GlobalProperties(options));
        ProjectInstance instance;
        try
        {
            instance = ProjectInstance.FromFile(projectFile, new Microsoft.Build.Definition.ProjectOptions { GlobalProperties = GlobalProperties(options), ProjectCollection = collection });
        }
        catch (InvalidProjectFileException e)
        {
            throw new ToolError($"MSBuild could not evaluate the project: {e.Message}");
        }
        var gates = instance.GetItems("MetricGate")
            .Select(item => new TargetItem(item.EvaluatedInclude, item.MetadataNames.ToDictionary(name => name, item.GetMetadataValue, StringComparer.Ordinal)))
            .ToArray();
        var references = instance.GetItems("ProjectReference").Select(item => Path.GetFullPath(item.GetMetadataValue("FullPath"))).ToArray();
        return (gates, references);
    }

    private static Dictionary<string, string> GlobalProperties(ProjectOptions options)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.Configuration is { Length: > 0 } configuration)
        {
            properties["Configuration"] = configuration;
        }
        if (options.Framework is { Length: > 0 } framework)
        {
            properties["TargetFramework"] = framework;
        }
        return properties;
    }

    private TargetItem[] RunTarget(string targetName, string verb, ConsoleOutput output)
    {
        if (!_instance.Targets.ContainsKey(targetName))
        {
            throw new ToolError($"{ProjectFile} uses a ReproBuild package without the {targetName} target (it came with the reprobuild tool); update its ReproBuild package reference to this tool's version, then run 'dotnet restore'.");
        }
        if (!string.Equals(_instance.GetPropertyValue("ReproBuildEnabled"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolError($"{ProjectFile} sets ReproBuildEnabled to '{_instance.GetPropertyValue("ReproBuildEnabled")}', so its build does nothing ReproBuild could report on.");
        }
        var (result, messages) = Build(_instance, [targetName], output);
        if (result.OverallResult != BuildResultCode.Success || !result.ResultsByTarget.TryGetValue(targetName, out var target))
        {
            var errors = messages.Errors.Count > 0 ? string.Join(Environment.NewLine, messages.Errors) : result.Exception?.Message ?? "the target failed without an error message";
            throw new ToolError($"MSBuild could not {verb} {Path.GetFileName(ProjectFile)}; fix these and run the command again:{Environment.NewLine}{errors}");
        }
        return target.Items
            .Select(item => new TargetItem(item.ItemSpec, item.MetadataNames.Cast<string>().ToDictionary(name => name, item.GetMetadata, StringComparer.Ordinal)))
            .ToArray();
    }

    /// <summary>Builds targets in this process; warnings are printed, messages at diagnostic verbosity.</summary>
    private (BuildResult Result, BuildMessages Messages) Build(ProjectInstance instance, string[] targets, ConsoleOutput output)
    {
        var messages = new BuildMessages(keepMessages: output.Verbosity >= Verbosity.Diagnostic);
        var parameters = new BuildParameters(_collection)
        {
            Loggers = [messages],
            EnableNodeReuse = false,
            MaxNodeCount = 1,
        };
        var result = BuildManager.DefaultBuildManager.Build(parameters, new BuildRequestData(instance, targets));
        foreach (var message in messages.Messages)
        {
            output.Detail(message);
        }
        foreach (var warning in messages.Warnings)
        {
            output.Warning(warning);
        }
        if (result.OverallResult != BuildResultCode.Success && messages.Errors.Count == 0)
        {
            messages.Add(result.Exception?.Message ?? "the build failed without an error message");
        }
        return (result, messages);
    }
}
