namespace ReproBuild.Protocol;

// The files through which the MSBuild tasks and the engine process talk. The tasks write a request,
// start the engine, and read back the documents it leaves in obj/; the engine reports problems on
// stdout in MSBuild's canonical error format. Both sides compile this file, so they cannot drift.

/// <summary>What the engine says on standard output once it runs (the task hides it).</summary>
internal static class EngineHandshake
{
    /// <summary>After this line a non-zero exit code above 128 is a signal that stopped the engine, not the dotnet host failing to start it.</summary>
    public const string StartedLine = "ReproBuild.Engine: started";

    /// <summary>
    /// The engine command that serves a build: it reads requests from standard input, one line each (a command, a
    /// space, its request file), runs them in turn in the one process, and answers each with its output and then
    /// <see cref="DoneLine"/>. Standard input closing — the build done with it, or gone — ends it at once.
    /// </summary>
    public const string ServeCommand = "serve";

    private const string DonePrefix = "ReproBuild.Engine: done ";

    /// <summary>The request line for <paramref name="command"/> (<c>inspect</c>, <c>train</c>) with its request file.</summary>
    public static string RequestLine(string command, string requestFile) => $"{command} {requestFile}";

    /// <summary>The command and request file of a request line; null when it is not one.</summary>
    public static (string Command, string RequestFile)? ParseRequestLine(string line) =>
        line.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space && space < line.Length - 1 ? (line[..space], line[(space + 1)..]) : null;

    /// <summary>What a served engine prints after a request's output: the exit code the request would have had as a process of its own.</summary>
    public static string DoneLine(int exitCode) => DonePrefix + exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The exit code in a <see cref="DoneLine"/>; null for any other line.</summary>
    public static int? ParseDoneLine(string line) =>
        line.StartsWith(DonePrefix, StringComparison.Ordinal) && int.TryParse(line.AsSpan(DonePrefix.Length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;
}

/// <summary>Asks the engine to read, check and summarise datasets (`engine inspect`).</summary>
internal sealed record InspectRequest(string ProjectFile, string LogFile, IReadOnlyList<DatasetJob> Datasets);

/// <param name="SchemaFile">A Table Schema or datapackage.json to validate against, or null to infer column types.</param>
/// <param name="SchemaResource">With a datapackage.json: the resource whose schema applies.</param>
/// <param name="ReportFile">Where the validation report and data profile go, whether or not the data is valid.</param>
internal sealed record DatasetJob(
    string Name,
    string DataFile,
    char Separator,
    bool HasHeader,
    string SummaryFile,
    string? SchemaFile = null,
    string? SchemaResource = null,
    string? ReportFile = null);

/// <summary>Asks the engine to train, evaluate and save models (`engine train`).</summary>
/// <param name="Experiment">The sweep experiment these models are (<c>$(ReproBuildExperiment)</c>), recorded in their run records; null for a normal build.</param>
internal sealed record TrainRequest(string ProjectFile, string LogFile, string RunsDirectory, IReadOnlyList<ModelJob> Models, string? Experiment = null);

/// <param name="Line">The line of the model's item element in the project file, where problems with the model are reported; 0 when it is declared elsewhere (an imported file).</param>
/// <param name="Column">The column of that element's '&lt;'.</param>
/// <param name="PipelineAssembly">For a model with a custom pipeline: the compiled library that defines its type.</param>
internal sealed record ModelJob(
    string InputsFile,
    string OutputDirectory,
    string TrainDataFile,
    string TrainSummaryFile,
    string? TestDataFile,
    string? TestSummaryFile,
    int Line = 0,
    int Column = 0,
    string? PipelineAssembly = null);

/// <summary>What inspecting a dataset found: its published digest, size, rows, column types and profile.</summary>
/// <param name="SchemaSha256">The SHA-256 of the schema the data was validated against; training reads cells as it says.</param>
internal sealed record DatasetSummary(
    string Name,
    string Sha256,
    long Size,
    long Rows,
    char Separator,
    bool HasHeader,
    IReadOnlyList<ColumnSummary> Columns,
    string? SchemaFile = null,
    string? SchemaResource = null,
    string? SchemaSha256 = null);

/// <param name="Type"><see cref="Number"/> or <see cref="Text"/>: how training reads the column.</param>
/// <param name="Profile">Nulls, distinct values and, for numbers, range, mean, deviation and a histogram.</param>
internal sealed record ColumnSummary(string Name, string Type, long Missing, ColumnProfile? Profile = null)
{
    public const string Number = "number";
    public const string Text = "text";
}

/// <param name="Distinct">Distinct non-missing values, counted up to <see cref="DistinctLimit"/>.</param>
/// <param name="Histogram">Ten equal-width bins from Minimum to Maximum.</param>
internal sealed record ColumnProfile(
    long Values,
    long Missing,
    long Distinct,
    bool DistinctCapped,
    double? Minimum,
    double? Maximum,
    double? Mean,
    double? StandardDeviation,
    IReadOnlyList<long>? Histogram)
{
    public const int DistinctLimit = 1000;
}

/// <summary>
/// Every input that decides a model's bytes, and nothing else: no paths, no times. Its SHA-256 is the
/// model's fingerprint; the file is the Inputs of the training target, rewritten only when it changes.
/// </summary>
internal sealed record ModelInputs(
    string Model,
    string Task,
    string Label,
    string? PositiveLabel,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Ignore,
    string Trainer,
    SortedDictionary<string, string> Parameters,
    int Seed,
    double? TestFraction,
    DatasetReference Dataset,
    DatasetReference? TestDataset,
    string EngineVersion,
    string MicrosoftMLVersion,
    IReadOnlyList<string>? TextFeatures = null,
    PipelineCode? Pipeline = null);

/// <summary>A custom pipeline (README, "Custom pipelines"): its type and the digest of the compiled code it runs.</summary>
/// <param name="Sha256">The <c>CompiledCode</c> digest of the library's output folder: build-only values blanked, so only a change of code retrains.</param>
internal sealed record PipelineCode(string Type, string Assembly, string Sha256);

/// <param name="SchemaSha256">The schema the data is read with, when there is one: it decides how cells become numbers.</param>
/// <param name="Lineage">When pipeline stages made the data file: every stage it comes from, upstream first.</param>
internal sealed record DatasetReference(string Name, string Sha256, string? SchemaSha256 = null, IReadOnlyList<StageReference>? Lineage = null);

/// <summary>A pipeline stage in a model's lineage: what ran, with which code, parameters and inputs, and what it wrote.</summary>
/// <param name="Program">A Project stage's project (relative to the project that declares the stage), or a Command stage's command line.</param>
/// <param name="CodeDigest">SHA-256 over the stage's code: the compiled program's files, or the command's Code files.</param>
internal sealed record StageReference(
    string Name,
    string Fingerprint,
    string Kind,
    string Program,
    string CodeDigest,
    SortedDictionary<string, string> Parameters,
    int Seed,
    IReadOnlyList<StageFile> Inputs,
    IReadOnlyList<StageFile> Outputs);

/// <summary>A file a stage read or wrote: its path relative to the project folder ('/' separators) and its SHA-256.</summary>
/// <param name="Stage">For an input: the stage that wrote it, when one did.</param>
internal sealed record StageFile(string Path, string Sha256, string? Stage = null);

/// <summary>Asks the engine to run one stage's program and watch it (`engine stage`): it dies with the build, and takes the program with it.</summary>
/// <param name="StandardErrorFile">Where the program's standard error is kept, for the error message when it fails.</param>
/// <param name="ResultFile">Where the engine writes <see cref="StageRunResult"/> once the program has exited.</param>
internal sealed record StageRunRequest(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    SortedDictionary<string, string> Environment,
    string StandardErrorFile,
    string ResultFile,
    string LogFile);

/// <param name="StartError">Why the program could not be started at all (no such file); null when it ran.</param>
internal sealed record StageRunResult(int ExitCode, string? StartError = null);

/// <summary>What training produced, read by the lock file writer, the stamping step and the typed API's generator.</summary>
/// <param name="InputColumns">The feature columns in the data's order: the typed API's input class.</param>
/// <param name="Classes">Classification: the label's values as the data writes them (binary: the other value, then the positive one; multiclass: in the order of the scores).</param>
internal sealed record ModelResult(
    string Model,
    string Fingerprint,
    string Sha256,
    string Task,
    string Trainer,
    long TrainRows,
    long TestRows,
    SortedDictionary<string, double?> Metrics,
    IReadOnlyList<ModelColumn>? InputColumns = null,
    IReadOnlyList<string>? Classes = null);

/// <summary>A column a model reads at prediction time, as training read it (<see cref="ColumnSummary.Number"/> or <see cref="ColumnSummary.Text"/>).</summary>
internal sealed record ModelColumn(string Name, string Type);

/// <summary>File names inside a model's output folder in obj/.</summary>
internal static class ModelOutputFiles
{
    public const string Model = "model.zip";
    public const string Provenance = "provenance.json";
    public const string Metrics = "metrics.json";
    public const string Result = "result.json";

    /// <summary>The drift reference (what the model's input columns looked like in its training rows); the provenance records its SHA-256.</summary>
    public const string Reference = "reference.json";

    /// <summary>Curves, confusion matrix, predicted-versus-actual points and feature weights for plots (the reprobuild tool's report).</summary>
    public const string Evaluation = "evaluation.json";
}
