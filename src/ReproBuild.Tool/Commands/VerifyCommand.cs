using System.CommandLine;
using ReproBuild.Runtime;
using ReproBuild.Tool.Rendering;
using ReproBuild.Tool.Verify;

namespace ReproBuild.Tool.Commands;

/// <summary><c>reprobuild verify</c>: models checked against their recorded digests, and their provenance.</summary>
internal static class VerifyCommand
{
    public static Command Create(CommonOptions common)
    {
        var path = new Argument<string>("ASSEMBLY|MODEL.zip")
        {
            Description = "A built assembly with embedded models (bin/Debug/net10.0/MyModels.dll), or a model file with its provenance beside it (bin/Debug/net10.0/models/MyModel.zip).",
        };
        var json = CommonOptions.JsonOption("the result and each model's provenance document");
        var command = new Command("verify", "Check that each model's bytes match the SHA-256 the build stamped and recorded, and print its provenance: datasets, parameters, package versions and metrics. Exit code 1 on any mismatch.")
        {
            path, json,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            var models = ModelVerifier.Verify(result.GetValue(path)!);
            if (result.GetValue(json))
            {
                output.Result(ReproJson.Serialize(models.Select(m => new
                {
                    m.Name,
                    m.Matches,
                    m.Expected,
                    m.Actual,
                    m.Problem,
                    Provenance = m.Provenance is null ? null : System.Text.Json.Nodes.JsonNode.Parse(m.Provenance.Json),
                })).TrimEnd());
            }
            else
            {
                foreach (var model in models)
                {
                    Print(model, output);
                }
            }
            return models.All(m => m.Matches) ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static void Print(VerifiedModel model, ConsoleOutput output)
    {
        if (!model.Matches)
        {
            output.Result($"{model.Name}  {output.Red("MISMATCH")}  " + (model.Problem ?? $"recorded sha256 {model.Expected}, the bytes have {model.Actual}: this is not the model that was built, evaluated and gated."));
            return;
        }
        output.Result($"{model.Name}  {output.Green("OK")}  sha256 {model.Actual}");
        if (model.Provenance is not { } provenance || output.Verbosity < Verbosity.Minimal)
        {
            return;
        }
        var label = provenance.PositiveLabel is null ? provenance.Label : $"{provenance.Label} (positive: {provenance.PositiveLabel})";
        output.Result($"  {provenance.Task} with {provenance.Trainer}, seed {provenance.Seed}, label {label}");
        output.Result($"  parameters: {(provenance.Parameters.Count == 0 ? "(trainer defaults)" : string.Join(", ", provenance.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))}");
        foreach (var dataset in provenance.Datasets)
        {
            output.Result($"  {dataset.Role} data: {dataset.Name} ({dataset.Rows} rows, {dataset.Size} bytes, sha256 {Numbers.Short(dataset.Sha256)})");
        }
        output.Result($"  packages: {string.Join(", ", provenance.Packages.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        output.Result($"  metrics: {string.Join(", ", provenance.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {Numbers.Value(p.Value)}"))}");
        output.Detail($"  fingerprint {provenance.Fingerprint}");
    }
}
