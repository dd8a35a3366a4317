using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;

namespace ReproBuild.Tool.Projects;

/// <summary>
/// The part of <see cref="ReproBuildProject"/> that touches Microsoft.Build types: evaluation through a
/// <see cref="ProjectInstance"/>, and the status target through the <see cref="BuildManager"/>, in this process.
/// </summary>
internal sealed class MSBuildEvaluation : IDisposable
{
    private const string StatusTarget = "ReproBuildStatus";
    private readonly ProjectCollection _collection;
    private readonly ProjectInstance _instance;

    public MSBuildEvaluation(string projectFile, ProjectOptions options, ConsoleOutput output)
    {
        ProjectFile = projectFile;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.Configuration is { Length: > 0 } configuration)
        {
            properties["Configuration"] = configuration;
        }
        if (options.Framework is { Length: > 0 } framework)
        {
            properties["TargetFramework"] = framework;
        }
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
        RunsDirectory = Path.GetFullPath(RunsDirectory, Path.GetDirectoryName(projectFile)!);
    }

    public string ProjectFile { get; }

    public void Dispose() => _collection.Dispose();

    public string LockFile { get; }

    public string RunsDirectory { get; }

    public IReadOnlyList<StatusItem> RunStatusTarget(ConsoleOutput output)
    {
        if (!_instance.Targets.ContainsKey(StatusTarget))
        {
            throw new ToolError($"{ProjectFile} uses a ReproBuild package without the {StatusTarget} target (it came with the reprobuild tool); update its ReproBuild package reference to this tool's version, then run 'dotnet restore'.");
        }
        if (!string.Equals(_instance.GetPropertyValue("ReproBuildEnabled"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolError($"{ProjectFile} sets ReproBuildEnabled to '{_instance.GetPropertyValue("ReproBuildEnabled")}', so its build does nothing ReproBuild could report on.");
        }
        var messages = new BuildMessages(keepMessages: output.Verbosity >= Verbosity.Diagnostic);
        var parameters = new BuildParameters(_collection)
        {
            Loggers = [messages],
            EnableNodeReuse = false,
            MaxNodeCount = 1,
        };
        var result = BuildManager.DefaultBuildManager.Build(parameters, new BuildRequestData(_instance, [StatusTarget]));
        foreach (var message in messages.Messages)
        {
            output.Detail(message);
        }
        foreach (var warning in messages.Warnings)
        {
            output.Warning(warning);
        }
        if (result.OverallResult != BuildResultCode.Success || !result.ResultsByTarget.TryGetValue(StatusTarget, out var target))
        {
            var errors = messages.Errors.Count > 0 ? string.Join(Environment.NewLine, messages.Errors) : result.Exception?.Message ?? "the target failed without an error message";
            throw new ToolError($"MSBuild could not check {Path.GetFileName(ProjectFile)}; fix these and run the command again:{Environment.NewLine}{errors}");
        }
        return target.Items.Select(item =>
        {
            var metadata = item.MetadataNames.Cast<string>().ToDictionary(name => name, item.GetMetadata, StringComparer.Ordinal);
            var reasons = item.GetMetadata("Reasons").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new StatusItem(item.GetMetadata("Kind"), item.ItemSpec, item.GetMetadata("Stale") == "true", reasons, metadata);
        }).ToArray();
    }
}
