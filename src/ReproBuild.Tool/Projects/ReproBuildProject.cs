using System.Runtime.CompilerServices;

namespace ReproBuild.Tool.Projects;

/// <summary>
/// A project that uses ReproBuild, as MSBuild evaluates it: where its lock file and run records are, and — by
/// running its <c>ReproBuildStatus</c> target — what the next build would redo. Nothing here parses a project file.
/// </summary>
internal sealed class ReproBuildProject : IDisposable
{
    private readonly MSBuildEvaluation _evaluation;

    private ReproBuildProject(MSBuildEvaluation evaluation) => _evaluation = evaluation;

    public string ProjectFile => _evaluation.ProjectFile;

    public void Dispose() => _evaluation.Dispose();

    public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

    public string Directory => Path.GetDirectoryName(ProjectFile)!;

    /// <summary><c>$(ReproBuildRunsDirectory)</c>.</summary>
    public string RunsDirectory => _evaluation.RunsDirectory;

    /// <summary><c>$(ReproBuildLockFile)</c>.</summary>
    public string LockFile => _evaluation.LockFile;

    /// <summary>ReproBuild's folder under obj/: what the last build left there.</summary>
    public string IntermediateDirectory => _evaluation.IntermediateDirectory;

    public static ReproBuildProject Load(ProjectOptions options, ConsoleOutput output)
    {
        var file = ProjectLocator.Find(options.Project);
        MSBuildHost.EnsureRegistered(Path.GetDirectoryName(file)!);
        using (output.Progress($"Evaluating {Path.GetFileName(file)}"))
        {
            return new ReproBuildProject(Evaluate(file, options, output));
        }
    }

    /// <summary>Runs <c>ReproBuildStatus</c>: per dataset, model and lock file, up to date or stale and why.</summary>
    public IReadOnlyList<StatusItem> Status(ConsoleOutput output)
    {
        using (output.Progress($"Checking {Path.GetFileName(ProjectFile)}"))
        {
            return _evaluation.RunStatusTarget(output);
        }
    }

    /// <summary>Runs <c>ReproBuildGetPipeline</c>: the stages, datasets and models as items, nothing built.</summary>
    public IReadOnlyList<TargetItem> Pipeline(ConsoleOutput output)
    {
        using (output.Progress($"Reading the pipeline of {Path.GetFileName(ProjectFile)}"))
        {
            return _evaluation.RunPipelineTarget(output);
        }
    }

    /// <summary>The <c>Model</c> items, as evaluated.</summary>
    public IReadOnlyList<TargetItem> Models() => _evaluation.Models();

    /// <summary>Runs the pipeline with extra global properties (an experiment); the errors, empty when it succeeded.</summary>
    public IReadOnlyList<string> RunPipeline(IReadOnlyDictionary<string, string> properties, ConsoleOutput output, string activity)
    {
        using (output.Progress(activity))
        {
            return _evaluation.RunPipeline(properties, output);
        }
    }

    /// <summary>A test project's metric gates on this project's models; an error when it does not reference this project.</summary>
    public IReadOnlyList<TargetItem> GatesIn(string testProject, ProjectOptions options, ConsoleOutput output)
    {
        var file = ProjectLocator.Find(testProject);
        using (output.Progress($"Evaluating {Path.GetFileName(file)}"))
        {
            var (gates, references) = ReadGates(file, options);
            if (!references.Contains(ProjectFile, StringComparer.Ordinal))
            {
                throw new ToolError($"{file} does not reference {ProjectFile}, so its metric gates are not on this project's models. Name a test project with <ProjectReference Include=\"…/{Path.GetFileName(ProjectFile)}\" />.");
            }
            return gates;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (IReadOnlyList<TargetItem>, IReadOnlyList<string>) ReadGates(string file, ProjectOptions options) => MSBuildEvaluation.ReadGateProject(file, options);

    // Kept out of Load so that no Microsoft.Build type is loaded before the Locator has registered the SDK's MSBuild.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static MSBuildEvaluation Evaluate(string file, ProjectOptions options, ConsoleOutput output) => new(file, options, output);
}
