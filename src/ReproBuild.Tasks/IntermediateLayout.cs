namespace ReproBuild.Tasks;

/// <summary>
/// Where ReproBuild keeps its state under obj/: one place that names every path, so the targets, the tasks and
/// the engine agree on them. Everything here is removed by <c>dotnet clean</c>.
/// </summary>
internal sealed class IntermediateLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string StatCacheFile => Path.Combine(Root, "stat-cache.tsv");

    public string EngineLogFile => Path.Combine(Root, "engine.log");

    /// <summary>Held while a build runs the pipeline (<see cref="Concurrency.ProjectBuildLock"/>).</summary>
    public string BuildLockFile => Path.Combine(Root, "build.lock");

    public string RequestFile(string command) => Path.Combine(Root, $"{command}.request.json");

    /// <summary>Where every dataset's input, summary, report and pin files are.</summary>
    public string DatasetsDirectory => Path.Combine(Root, "datasets");

    /// <summary>Everything that decides a dataset's inspection; rewritten only when it changes.</summary>
    public string DatasetInputFile(string dataset) => Path.Combine(DatasetsDirectory, $"{dataset}.input.json");

    /// <summary>The last check of a dataset pinned by Hash (<see cref="Cache.PinnedFileMarker"/>).</summary>
    public string DatasetPinFile(string dataset) => Path.Combine(DatasetsDirectory, $"{dataset}.pinned.tsv");

    public string DatasetSummaryFile(string dataset) => Path.Combine(DatasetsDirectory, $"{dataset}.json");

    /// <summary>The validation report and data profile, written whether or not the data passed.</summary>
    public string DatasetReportFile(string dataset) => Path.Combine(DatasetsDirectory, $"{dataset}.report.json");

    /// <summary>Everything that decides a model's bytes; rewritten only when it changes.</summary>
    public string ModelInputsFile(string model) => Path.Combine(Root, "models", $"{model}.inputs.json");

    public string ModelOutputDirectory(string model) => Path.Combine(Root, "models", model);

    public string ModelOutputFile(string model, string file) => Path.Combine(ModelOutputDirectory(model), file);

    /// <summary>What a stage's last run (or restore) produced, for which fingerprint; written last, so outputs without it are not trusted.</summary>
    public string StageRecordFile(string stage) => Path.Combine(Root, "stages", $"{stage}.json");

    /// <summary>A stage's working folder: its engine request, result, standard error and staging folders.</summary>
    public string StageWorkDirectory(string stage) => Path.Combine(Root, "stages", stage);
}
