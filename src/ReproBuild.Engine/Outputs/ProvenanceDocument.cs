using System.Text.Json;
using System.Text.Json.Nodes;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Outputs;

/// <summary>
/// The model's provenance: an in-toto Statement v1 whose predicate is SLSA Provenance v1. Every value is derived
/// from content (digests, parameters, versions): no time, host or absolute path, so that the provenance of a
/// reproduced model is byte-identical too. Metrics ride in the <c>reprobuild_metrics</c> extension field.
/// </summary>
internal static class ProvenanceDocument
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://slsa.dev/provenance/v1";
    public const string BuildType = "urn:reprobuild:buildtype:train:v1";

    /// <param name="referenceSha256">The SHA-256 of the model's drift reference (reference.json), recorded as an SLSA byproduct.</param>
    /// <param name="positiveLabel">For binary classification, the label value that counts as positive, as training resolved it.</param>
    public static string Create(ModelInputs inputs, string? positiveLabel, string fingerprint, string modelSha256, string referenceSha256, string trainerPackage, DatasetSummary train, DatasetSummary? test, IReadOnlyDictionary<string, double?> metrics)
    {
        var dependencies = new JsonArray { Dataset(train, "train", inputs.Dataset.Lineage) };
        if (test is not null)
        {
            dependencies.Add(Dataset(test, "test", inputs.TestDataset?.Lineage));
        }
        AddLineage(dependencies, [.. inputs.Dataset.Lineage ?? [], .. inputs.TestDataset?.Lineage ?? []]);
        dependencies.Add(Package("Microsoft.ML", inputs.MicrosoftMLVersion));
        if (trainerPackage != "Microsoft.ML")
        {
            dependencies.Add(Package(trainerPackage, inputs.MicrosoftMLVersion));
        }
        dependencies.Add(Package("ReproBuild", inputs.EngineVersion));
        if (inputs.Pipeline is { } pipeline)
        {
            // The compiled code of a custom pipeline, by the digest that is part of the fingerprint.
            dependencies.Add(new JsonObject
            {
                ["name"] = $"pipeline:{pipeline.Type}",
                ["digest"] = new JsonObject { ["sha256"] = pipeline.Sha256 },
                ["annotations"] = new JsonObject { ["assembly"] = pipeline.Assembly },
            });
        }

        var statement = new JsonObject
        {
            ["_type"] = StatementType,
            ["subject"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = $"{inputs.Model}.zip",
                    ["digest"] = new JsonObject { ["sha256"] = modelSha256 },
                },
            },
            ["predicateType"] = PredicateType,
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = ExternalParameters(inputs, positiveLabel),
                    ["internalParameters"] = new JsonObject
                    {
                        ["fingerprint"] = fingerprint,
                        ["numberOfThreads"] = 1,
                    },
                    ["resolvedDependencies"] = dependencies,
                },
                ["runDetails"] = new JsonObject
                {
                    ["builder"] = new JsonObject { ["id"] = $"pkg:nuget/ReproBuild@{inputs.EngineVersion}" },
                    ["metadata"] = new JsonObject { ["invocationId"] = fingerprint },
                    // The drift reference ships beside the model; ReproBuild.Runtime refuses one that does not hash to this.
                    ["byproducts"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["name"] = Runtime.ModelProvenance.ReferenceByproduct,
                            ["digest"] = new JsonObject { ["sha256"] = referenceSha256 },
                        },
                    },
                },
                ["reprobuild_metrics"] = Metrics(metrics),
            },
        };
        return statement.ToJsonString(ReproJson.Options) + "\n";
    }

    private static JsonObject ExternalParameters(ModelInputs inputs, string? positiveLabel)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in inputs.Parameters)
        {
            parameters[name] = value;
        }
        var external = new JsonObject
        {
            ["model"] = inputs.Model,
            ["task"] = inputs.Task,
            ["label"] = inputs.Label,
            ["features"] = new JsonArray(inputs.Features.Select(f => (JsonNode?)f).ToArray()),
            ["ignore"] = new JsonArray(inputs.Ignore.Select(f => (JsonNode?)f).ToArray()),
            ["trainer"] = inputs.Trainer,
            ["parameters"] = parameters,
            ["seed"] = inputs.Seed,
            ["dataset"] = inputs.Dataset.Name,
        };
        if (inputs.Pipeline is not null)
        {
            external["pipeline"] = inputs.Pipeline.Type;
        }
        if (inputs.TextFeatures is not null)
        {
            external["textFeatures"] = new JsonArray(inputs.TextFeatures.Select(f => (JsonNode?)f).ToArray());
        }
        if (positiveLabel is not null)
        {
            external["positiveLabel"] = positiveLabel;
        }
        if (inputs.TestDataset is not null)
        {
            external["testDataset"] = inputs.TestDataset.Name;
        }
        else
        {
            external["testFraction"] = inputs.TestFraction;
        }
        return external;
    }

    /// <summary>
    /// The pipeline stages the data comes from, upstream first, each once: its code digest as the dependency's digest,
    /// what ran and with which parameters, and every file it read and wrote; then the raw files no stage wrote.
    /// </summary>
    private static void AddLineage(JsonArray dependencies, IReadOnlyList<StageReference> lineage)
    {
        var stages = lineage.DistinctBy(stage => stage.Name).ToList();
        foreach (var stage in stages)
        {
            dependencies.Add(new JsonObject
            {
                ["name"] = $"stage:{stage.Name}",
                ["digest"] = new JsonObject { ["sha256"] = stage.CodeDigest },
                ["annotations"] = new JsonObject
                {
                    ["kind"] = stage.Kind,
                    ["program"] = stage.Program,
                    ["fingerprint"] = stage.Fingerprint,
                    ["parameters"] = JsonSerializer.SerializeToNode(stage.Parameters, ReproJson.Options),
                    ["seed"] = stage.Seed,
                    ["inputs"] = JsonSerializer.SerializeToNode(stage.Inputs, ReproJson.Options),
                    ["outputs"] = JsonSerializer.SerializeToNode(stage.Outputs, ReproJson.Options),
                },
            });
        }
        foreach (var raw in stages.SelectMany(s => s.Inputs).Where(i => i.Stage is null).DistinctBy(i => i.Path))
        {
            dependencies.Add(new JsonObject
            {
                ["name"] = $"file:{raw.Path}",
                ["digest"] = new JsonObject { ["sha256"] = raw.Sha256 },
            });
        }
    }

    private static JsonObject Dataset(DatasetSummary summary, string role, IReadOnlyList<StageReference>? lineage)
    {
        var annotations = new JsonObject
        {
            ["role"] = role,
            ["size"] = summary.Size,
            ["rows"] = summary.Rows,
        };
        if (summary.SchemaSha256 is not null)
        {
            annotations["schemaSha256"] = summary.SchemaSha256;
        }
        if (lineage is { Count: > 0 })
        {
            annotations["producedBy"] = $"stage:{lineage[^1].Name}";
        }
        // The data profile, for drift checks: what the model was trained on, column by column.
        annotations["profile"] = JsonSerializer.SerializeToNode(summary.Columns.Select(c => new { c.Name, c.Type, c.Profile }), ReproJson.Options);
        return new JsonObject
        {
            ["name"] = $"dataset:{summary.Name}",
            ["digest"] = new JsonObject { ["sha256"] = summary.Sha256 },
            ["annotations"] = annotations,
        };
    }

    private static JsonObject Package(string id, string version) => new()
    {
        ["uri"] = $"pkg:nuget/{id}@{version}",
        ["name"] = id,
    };

    private static JsonObject Metrics(IReadOnlyDictionary<string, double?> metrics)
    {
        var node = new JsonObject();
        foreach (var (name, value) in metrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            node[name] = value is { } v ? JsonValue.Create(v) : null;
        }
        return node;
    }
}
