using System.Globalization;
using Microsoft.Build.Framework;
using NuGet.Versioning;

namespace ReproBuild.Tasks;

/// <summary>A <c>Model</c> item with its metadata checked and defaults applied (README, "Items").</summary>
internal sealed record ModelItem(
    string Name,
    string Dataset,
    string? TestDataset,
    string Task,
    string Label,
    string? PositiveLabel,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Ignore,
    string Trainer,
    SortedDictionary<string, string> Parameters,
    int Seed,
    double TestFraction,
    string Version,
    bool Embed,
    string? Pipeline = null,
    IReadOnlyList<string>? TextFeatures = null)
{
    public const double DefaultTestFraction = 0.2;

    // A custom pipeline chooses its own trainer and featurisation; these would be silently ignored.
    private static readonly string[] NotWithPipeline = ["Trainer", "TextFeatures"];

    /// <summary>
    /// The project's models, each checked, with unique names and datasets that are declared; the build and the status
    /// check both read them through this, so they report the same problems.
    /// </summary>
    /// <param name="datasets">The names of the datasets that are declared.</param>
    public static List<ModelItem> ParseAll(IEnumerable<ITaskItem> items, IReadOnlyCollection<string> datasets, string defaultVersion, ItemProblems problems)
    {
        var models = new List<ModelItem>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (Parse(item, defaultVersion, problems) is not { } model)
            {
                continue;
            }
            if (!names.Add(model.Name))
            {
                problems.ErrorAtElement(item, "Model", ErrorCodes.DuplicateName, $"Two Model items are named '{model.Name}'.");
                continue;
            }
            if (new[] { model.Dataset, model.TestDataset }.OfType<string>().FirstOrDefault(d => !datasets.Contains(d)) is { } missing)
            {
                var known = datasets.Count == 0 ? "the project declares no Dataset items" : $"known datasets: {string.Join(", ", datasets.Order(StringComparer.Ordinal))}";
                problems.ErrorAtElement(item, "Model", ErrorCodes.UnknownDataset, $"Model '{model.Name}' refers to dataset '{missing}', which is not declared; {known}.");
                continue;
            }
            models.Add(model);
        }
        return models;
    }

    public static ModelItem? Parse(ITaskItem item, string defaultVersion, ItemProblems problems)
    {
        var name = NameOf(item);
        var errorsBefore = problems.ErrorCount;
        if (!ItemNames.IsModelName(name))
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidModelName, $"Model '{name}': a model's name must be a C# identifier (letters, digits and '_', not starting with a digit).");
        }

        string Required(string metadata)
        {
            var value = DatasetItem.Metadata(item, metadata);
            if (value is null)
            {
                problems.ErrorAtElement(item, "Model", ErrorCodes.MissingMetadata, $"Model '{name}' has no {metadata} metadata; it is required.");
            }
            return value ?? "";
        }

        var dataset = ItemNames.Normalize(Required("Dataset"));
        var taskText = Required("Task");
        // MSBuild reserves the Label attribute of every item element for itself, so Label="x" never reaches a
        // task. LabelColumn="x" is the inline form; <Label>x</Label> as a child element works too.
        var label = DatasetItem.Metadata(item, "LabelColumn") ?? DatasetItem.Metadata(item, "Label") ?? "";
        if (label.Length == 0)
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.MissingMetadata, $"Model '{name}' has no label column. Write LabelColumn=\"<column>\" on the item (MSBuild keeps the Label attribute for itself, so Label=\"...\" is ignored), or <Label>column</Label> as a child element.");
        }
        var task = taskText.Length == 0 ? null : Catalog.NormalizeTask(taskText);
        if (taskText.Length > 0 && task is null)
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.UnknownTask, $"Model '{name}' has Task '{taskText}'; valid tasks: {string.Join(", ", Catalog.Tasks)}.");
        }

        var trainer = "";
        var pipeline = DatasetItem.Metadata(item, "Pipeline");
        var textFeatures = List(item, "TextFeatures");
        if (pipeline is not null)
        {
            trainer = pipeline;
            if (!IsTypeName(pipeline))
            {
                problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidMetadataValue, $"Model '{name}' has Pipeline '{pipeline}'; name the pipeline's type with its namespace, such as MyCompany.Pipelines.SentimentPipeline.");
            }
            foreach (var conflicting in NotWithPipeline.Where(m => DatasetItem.Metadata(item, m) is not null))
            {
                problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidMetadataValue, $"Model '{name}' sets both Pipeline and {conflicting}; a custom pipeline chooses its own trainer and featurisation, so remove {conflicting}.");
            }
        }
        else if (task is not null)
        {
            var trainerText = DatasetItem.Metadata(item, "Trainer");
            trainer = trainerText is null ? Catalog.Trainers[task][0] : Catalog.NormalizeTrainer(task, trainerText) ?? "";
            if (trainer.Length == 0)
            {
                problems.ErrorAtElement(item, "Model", ErrorCodes.UnknownTrainer, $"Model '{name}' has Trainer '{trainerText}', which ReproBuild does not know for {task}; valid trainers: {string.Join(", ", Catalog.Trainers[task])}.");
            }
        }

        var parameters = ParseParameters(item, "Model", name, problems);

        var seed = ParseSeed(item, "Model", name, problems);

        var fractionText = DatasetItem.Metadata(item, "TestFraction");
        var fraction = DefaultTestFraction;
        if (fractionText is not null
            && (!double.TryParse(fractionText, NumberStyles.Float, CultureInfo.InvariantCulture, out fraction) || fraction <= 0 || fraction >= 1))
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidMetadataValue, $"Model '{name}' has TestFraction '{fractionText}'; it must be a number between 0 and 1, such as 0.2.");
        }

        var version = DatasetItem.Metadata(item, "Version") ?? defaultVersion;
        if (!SemanticVersion.TryParse(version, out _))
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidVersion, $"Model '{name}' has Version '{version}', which is not a SemVer 2.0 version (for example 1.2.0 or 2.0.0-beta.1).");
        }

        var embedText = DatasetItem.Metadata(item, "Embed");
        var embed = true;
        if (embedText is not null && !bool.TryParse(embedText, out embed))
        {
            problems.ErrorAtElement(item, "Model", ErrorCodes.InvalidMetadataValue, $"Model '{name}' has Embed '{embedText}'; use true or false.");
        }

        if (problems.ErrorCount > errorsBefore)
        {
            return null;
        }
        return new ModelItem(
            name, dataset, DatasetName(item, "TestDataset"), task!, label, DatasetItem.Metadata(item, "PositiveLabel"),
            List(item, "Features"), List(item, "Ignore"), trainer, parameters, seed, fraction, version, embed,
            pipeline, textFeatures.Length == 0 ? null : textFeatures);
    }

    // A namespace-qualified C# type name: identifiers separated by dots ('+' for a nested type).
    private static bool IsTypeName(string text) =>
        text.Contains('.', StringComparison.Ordinal) && text.Split('.', '+').All(ItemNames.IsModelName);

    /// <summary>The model's name: its Include, in NFC (<see cref="ItemNames"/>). Every task that names a model reads it here.</summary>
    public static string NameOf(ITaskItem item) => ItemNames.Normalize(item.ItemSpec);

    /// <summary>A dataset a model refers to, spelled as <see cref="DatasetItem"/> spells the dataset's own name.</summary>
    public static string? DatasetName(ITaskItem item, string metadata) =>
        DatasetItem.Metadata(item, metadata) is { } name ? ItemNames.Normalize(name) : null;

    /// <summary>Only what stamping needs, read leniently: design-time builds stamp what is there and report nothing.</summary>
    public static (string Version, bool Embed) ReadStamping(ITaskItem item, string defaultVersion) =>
        (DatasetItem.Metadata(item, "Version") ?? defaultVersion, !string.Equals(DatasetItem.Metadata(item, "Embed"), "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>Parameters</c> metadata of a Model or a Stage (<paramref name="itemType"/>), <c>Name=Value;…</c>, sorted by name.</summary>
    internal static SortedDictionary<string, string> ParseParameters(ITaskItem item, string itemType, string model, ItemProblems problems)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, pair) in ParameterList.Entries(DatasetItem.Metadata(item, "Parameters")))
        {
            if (key.Length == 0)
            {
                problems.ErrorAtElement(item, itemType, ErrorCodes.InvalidParameterValue, $"{itemType} '{model}' has Parameters entry '{pair}'; write parameters as Name=Value;Name=Value.");
                continue;
            }
            if (!parameters.TryAdd(key, value))
            {
                problems.ErrorAtElement(item, itemType, ErrorCodes.InvalidParameterValue, $"{itemType} '{model}' sets parameter '{key}' more than once.");
            }
        }
        return parameters;
    }

    /// <summary>The <c>Seed</c> metadata of a Model or a Stage: a whole number, 0 when not set.</summary>
    internal static int ParseSeed(ITaskItem item, string itemType, string name, ItemProblems problems)
    {
        var seedText = DatasetItem.Metadata(item, "Seed");
        var seed = 0;
        if (seedText is not null && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            problems.ErrorAtElement(item, itemType, ErrorCodes.InvalidMetadataValue, $"{itemType} '{name}' has Seed '{seedText}'; a seed is a whole number.");
        }
        return seed;
    }

    private static string[] List(ITaskItem item, string metadata) =>
        (DatasetItem.Metadata(item, metadata) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
