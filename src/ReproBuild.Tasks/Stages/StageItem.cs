using Microsoft.Build.Framework;

namespace ReproBuild.Tasks.Stages;

/// <summary>
/// A <c>Stage</c> item with its metadata parsed (README, "Pipeline stages"): the user's own program — a .NET project
/// the build compiles, or any command line — with the files it reads and must write. Paths are full paths here; what
/// is recorded (fingerprints, the lock file, provenance) uses <see cref="ProjectPaths.Relative"/>.
/// </summary>
/// <param name="Program">For a Project stage its project file relative to this project; for a Command stage the command line.</param>
/// <param name="ProgramAssembly">For a Project stage, the compiled program (its TargetPath), once the build compiled it.</param>
internal sealed record StageItem(
    string Name,
    ITaskItem Item,
    string Kind,
    string Program,
    string? ProgramAssembly,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<string> Code,
    SortedDictionary<string, string> Parameters,
    int Seed)
{
    public const string ItemType = "Stage";
    public const string ProjectKind = "project";
    public const string CommandKind = "command";

    /// <summary>
    /// Every <c>Stage</c> item, parsed and checked on its own (the checks across stages are <see cref="StageGraph"/>'s).
    /// Inputs and Code arrive as items MSBuild expanded from the metadata (globs included), each with a <c>StageName</c>.
    /// </summary>
    /// <param name="programs">The compiled programs of Project stages: items whose <c>MSBuildSourceProjectFile</c> names their project.</param>
    public static List<StageItem> ParseAll(
        IEnumerable<ITaskItem> stages, IEnumerable<ITaskItem> inputs, IEnumerable<ITaskItem> code, IEnumerable<ITaskItem> programs,
        string projectDirectory, ItemProblems problems)
    {
        var inputsByStage = ByStage(inputs);
        var codeByStage = ByStage(code);
        var programByProject = programs
            .Where(p => p.GetMetadata("MSBuildSourceProjectFile").Length > 0)
            .GroupBy(p => Path.GetFullPath(p.GetMetadata("MSBuildSourceProjectFile")), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().GetMetadata("FullPath"), StringComparer.Ordinal);

        var parsed = new List<StageItem>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in stages)
        {
            var errorsBefore = problems.ErrorCount;
            var name = ItemNames.Normalize(item.ItemSpec);
            if (!ItemNames.IsDatasetName(name))
            {
                problems.ErrorAtElement(item, ItemType, ErrorCodes.InvalidModelName, $"Stage '{item.ItemSpec}': a stage name may use letters, digits, '_', '-' and '.'.");
                continue;
            }
            if (!names.Add(name))
            {
                problems.ErrorAtElement(item, ItemType, ErrorCodes.DuplicateName, $"Two Stage items are named '{name}'; stage names are unique in a project.");
                continue;
            }

            var project = DatasetItem.Metadata(item, "Project");
            var command = DatasetItem.Metadata(item, "Command");
            if ((project is null) == (command is null))
            {
                problems.ErrorAtElement(item, ItemType, ErrorCodes.StageProgram,
                    $"Stage '{name}' must set exactly one of Project (a .NET console project the build compiles and runs) and Command (a command line run in the project folder).");
                continue;
            }

            string program;
            string? assembly = null;
            if (project is not null)
            {
                var projectFile = Path.GetFullPath(project, projectDirectory);
                if (!File.Exists(projectFile))
                {
                    problems.ErrorAtElement(item, ItemType, ErrorCodes.StageProjectNotFound, $"Stage '{name}': the project '{projectFile}' does not exist.");
                    continue;
                }
                program = ProjectPaths.Relative(projectDirectory, projectFile);
                assembly = programByProject.GetValueOrDefault(projectFile);
                if (DatasetItem.Metadata(item, "Code") is not null)
                {
                    problems.ErrorAtElement(item, ItemType, ErrorCodes.InvalidMetadataValue,
                        $"Stage '{name}' sets Code, which is for Command stages: a Project stage's code is its compiled program, which the build already covers. Remove Code.");
                }
            }
            else
            {
                program = command!;
            }

            var outputs = new List<string>();
            foreach (var output in Split(DatasetItem.Metadata(item, "Outputs")))
            {
                var full = Path.GetFullPath(output, projectDirectory);
                if (output.IndexOfAny(['*', '?']) >= 0)
                {
                    problems.ErrorAtElement(item, ItemType, ErrorCodes.InvalidMetadataValue, $"Stage '{name}' has the output '{output}'; outputs are files the stage must write, named one by one (no wildcards).");
                }
                else if (!ProjectPaths.IsInside(projectDirectory, full))
                {
                    problems.ErrorAtElement(item, ItemType, ErrorCodes.StageOutputOutsideProject,
                        $"Stage '{name}' declares the output '{output}', which is outside the project folder '{projectDirectory}'. A stage writes only inside its project's folder.");
                }
                else if (!outputs.Contains(full, StringComparer.Ordinal))
                {
                    outputs.Add(full);
                }
            }
            if (outputs.Count == 0 && problems.ErrorCount == errorsBefore)
            {
                problems.ErrorAtElement(item, ItemType, ErrorCodes.MissingMetadata, $"Stage '{name}' has no Outputs; list the files it writes (Outputs=\"data/prepared/train.csv;…\").");
            }

            var parameters = ModelItem.ParseParameters(item, ItemType, name, problems);
            var seed = ModelItem.ParseSeed(item, ItemType, name, problems);
            if (problems.ErrorCount > errorsBefore)
            {
                continue;
            }
            parsed.Add(new StageItem(
                name, item, project is null ? CommandKind : ProjectKind, program, assembly,
                inputsByStage.GetValueOrDefault(item.ItemSpec) ?? [], outputs, codeByStage.GetValueOrDefault(item.ItemSpec) ?? [], parameters, seed));
        }
        return parsed;
    }

    private static Dictionary<string, List<string>> ByStage(IEnumerable<ITaskItem> files)
    {
        var byStage = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stage = file.GetMetadata("StageName");
            if (!byStage.TryGetValue(stage, out var list))
            {
                byStage[stage] = list = [];
            }
            var full = file.GetMetadata("FullPath");
            if (!list.Contains(full, StringComparer.Ordinal))
            {
                list.Add(full);
            }
        }
        return byStage;
    }

    private static string[] Split(string? text) => (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
