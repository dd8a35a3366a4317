using System.Globalization;
using ReproBuild.Protocol;

namespace ReproBuild.Tasks;

/// <summary>
/// Says in words what differs between the inputs the last build recorded and the inputs a build would record now:
/// the same documents the build compares byte for byte, compared field by field so that a person learns why.
/// </summary>
internal static class InputChanges
{
    /// <param name="dataFile">The data file as the project names it, for the message.</param>
    /// <param name="sha256Change">Old and new SHA-256 of the data, when its content changed and both are known.</param>
    public static List<string> Dataset(DatasetInput before, DatasetInput now, string dataFile, string? schemaFile, (string? Old, string New)? sha256Change)
    {
        var changes = new List<string>();
        if (before.ContentHash != now.ContentHash)
        {
            var digests = sha256Change is { Old: { } old, New: var current }
                ? $"sha256 {Prefix(old)} -> {Prefix(current)}"
                : $"xxh128 {Prefix(before.ContentHash)} -> {Prefix(now.ContentHash)}";
            var size = before.Size == now.Size
                ? string.Create(CultureInfo.InvariantCulture, $"{now.Size:N0} bytes")
                : string.Create(CultureInfo.InvariantCulture, $"{before.Size:N0} -> {now.Size:N0} bytes");
            changes.Add($"{dataFile} changed: {digests} ({size})");
        }
        if (before.SchemaHash != now.SchemaHash)
        {
            changes.Add((before.SchemaHash, now.SchemaHash) switch
            {
                (null, _) => $"schema {schemaFile} added",
                (_, null) => "schema removed",
                var (old, current) => $"schema {schemaFile} changed: xxh128 {Prefix(old)} -> {Prefix(current)}",
            });
        }
        Compare(changes, "Separator", Separator(before.Separator), Separator(now.Separator));
        Compare(changes, "HasHeader", before.HasHeader ? "true" : "false", now.HasHeader ? "true" : "false");
        Compare(changes, "Resource", before.SchemaResource, now.SchemaResource);
        Compare(changes, "ReproBuild engine version", before.EngineVersion, now.EngineVersion);
        return changes;
    }

    public static List<string> Model(ModelInputs before, ModelInputs now)
    {
        var changes = new List<string>();
        Compare(changes, "Task", before.Task, now.Task);
        Compare(changes, "LabelColumn", before.Label, now.Label);
        Compare(changes, "PositiveLabel", before.PositiveLabel, now.PositiveLabel);
        Compare(changes, "Features", string.Join(";", before.Features), string.Join(";", now.Features));
        Compare(changes, "Ignore", string.Join(";", before.Ignore), string.Join(";", now.Ignore));
        Compare(changes, "Trainer", before.Trainer, now.Trainer);
        Compare(changes, "TextFeatures", before.TextFeatures is null ? null : string.Join(";", before.TextFeatures), now.TextFeatures is null ? null : string.Join(";", now.TextFeatures));
        if (before.Pipeline?.Sha256 != now.Pipeline?.Sha256 && before.Pipeline?.Type == now.Pipeline?.Type && now.Pipeline is { } pipeline)
        {
            changes.Add($"the compiled code of pipeline {pipeline.Type} ({pipeline.Assembly}) changed: sha256 {Prefix(before.Pipeline!.Sha256)} -> {Prefix(pipeline.Sha256)}");
        }
        CompareParameters(changes, before.Parameters, now.Parameters);
        Compare(changes, "Seed", before.Seed.ToString(CultureInfo.InvariantCulture), now.Seed.ToString(CultureInfo.InvariantCulture));
        Compare(changes, "TestFraction", before.TestFraction?.ToString("R", CultureInfo.InvariantCulture), now.TestFraction?.ToString("R", CultureInfo.InvariantCulture));
        CompareDataset(changes, "training dataset", before.Dataset, now.Dataset);
        CompareDataset(changes, "test dataset", before.TestDataset, now.TestDataset);
        Compare(changes, "ReproBuild version", before.EngineVersion, now.EngineVersion);
        Compare(changes, "Microsoft.ML version", before.MicrosoftMLVersion, now.MicrosoftMLVersion);
        return changes;
    }

    /// <summary>
    /// What differs between the stage's last run (its record) and its inputs now, in the order a person checks them:
    /// the program, its code, the input files, parameters, seed and the declared outputs.
    /// </summary>
    /// <param name="recordedCode">The code files the last run was fingerprinted from; <paramref name="code"/>: the same files now.</param>
    public static List<string> Stage(StageReference before, Stages.StageInputs now, IReadOnlyList<Stages.FileVersion> recordedCode, IReadOnlyList<Stages.FileVersion> code)
    {
        var changes = new List<string>();
        var project = now.Kind == Stages.StageItem.ProjectKind;
        if (before.Kind != now.Kind)
        {
            Compare(changes, "kind", before.Kind, now.Kind);
        }
        else if (before.Program != now.Program)
        {
            changes.Add(project ? $"its Project changed: {before.Program} -> {now.Program}" : $"command changed: '{before.Program}' -> '{now.Program}'");
        }
        else if (before.CodeDigest != now.CodeDigest)
        {
            var files = FileChanges(recordedCode, code, digest: true);
            var detail = files.Count == 0 ? $"code digest {Prefix(before.CodeDigest)} -> {Prefix(now.CodeDigest)}" : string.Join(", ", files);
            changes.Add(project ? $"its code changed (the program of {now.Program}: {detail})" : $"its code changed ({detail})");
        }

        var recordedInputs = before.Inputs.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var inputs = now.Inputs.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        foreach (var path in recordedInputs.Keys.Union(inputs.Keys).Order(StringComparer.Ordinal))
        {
            switch (recordedInputs.GetValueOrDefault(path), inputs.GetValueOrDefault(path))
            {
                case (null, _):
                    changes.Add($"input '{path}' added");
                    break;
                case (_, null):
                    changes.Add($"input '{path}' removed");
                    break;
                case var (old, current) when old != current:
                    changes.Add($"input '{path}' changed (sha256 {Prefix(old)} -> {Prefix(current)})");
                    break;
            }
        }
        CompareParameters(changes, before.Parameters, now.Parameters);
        Compare(changes, "Seed", before.Seed.ToString(CultureInfo.InvariantCulture), now.Seed.ToString(CultureInfo.InvariantCulture));
        Compare(changes, "Outputs", string.Join(";", before.Outputs.Select(o => o.Path).Order(StringComparer.Ordinal)), string.Join(";", now.Outputs));
        return changes;
    }

    /// <summary>
    /// Files of one list against another by path: added, removed, or changed (by <see cref="Stages.FileVersion.Digest"/>
    /// when <paramref name="digest"/>, else by change-detection hash); named by path as the project records it.
    /// </summary>
    public static List<string> FileChanges(IReadOnlyList<Stages.FileVersion> before, IReadOnlyList<Stages.FileVersion> now, bool digest)
    {
        string Key(Stages.FileVersion file) => digest ? file.Digest : file.Hash;
        var old = before.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Key(g.First()), StringComparer.Ordinal);
        var current = now.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Key(g.First()), StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var path in old.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            switch (old.GetValueOrDefault(path), current.GetValueOrDefault(path))
            {
                case (null, _):
                    changes.Add($"'{path}' added");
                    break;
                case (_, null):
                    changes.Add($"'{path}' removed");
                    break;
                case var (was, @is) when was != @is:
                    changes.Add(digest ? $"'{path}' changed: sha256 {Prefix(was)} -> {Prefix(@is)}" : $"'{path}' changed");
                    break;
            }
        }
        return changes;
    }

    /// <summary>The first 8 hex digits: enough to tell digests apart in a message, as git does with commits.</summary>
    public static string Prefix(string digest) => digest.Length > 8 ? digest[..8] : digest;

    private static void CompareParameters(List<string> changes, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now)
    {
        foreach (var name in before.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            switch (before.GetValueOrDefault(name), now.GetValueOrDefault(name))
            {
                case (null, var added):
                    changes.Add($"parameter {name} added: {added}");
                    break;
                case (var removed, null):
                    changes.Add($"parameter {name} removed (was {removed})");
                    break;
                case var (old, current) when old != current:
                    changes.Add($"parameter {name}: {old} -> {current}");
                    break;
            }
        }
    }

    private static void CompareDataset(List<string> changes, string role, DatasetReference? before, DatasetReference? now)
    {
        if (before is null && now is null)
        {
            return;
        }
        if (before is null || now is null || before.Name != now.Name)
        {
            Compare(changes, role, before?.Name, now?.Name);
            return;
        }
        if (before.Sha256 != now.Sha256)
        {
            changes.Add($"{role} '{now.Name}' changed: sha256 {Prefix(before.Sha256)} -> {Prefix(now.Sha256)}");
        }
        if (before.SchemaSha256 != now.SchemaSha256)
        {
            changes.Add($"{role} '{now.Name}' is read with another schema: sha256 {Prefix(before.SchemaSha256 ?? "none")} -> {Prefix(now.SchemaSha256 ?? "none")}");
        }
    }

    private static void Compare(List<string> changes, string what, string? before, string? now)
    {
        if (!string.Equals(before, now, StringComparison.Ordinal))
        {
            changes.Add($"{what}: {Show(before)} -> {Show(now)}");
        }
    }

    private static string Show(string? value) => value is null or "" ? "(none)" : value;

    private static string Separator(char separator) => separator == '\t' ? "\\t" : $"'{separator}'";
}
