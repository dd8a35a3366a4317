using System.CommandLine;
using ReproBuild.Tool.Projects;
using ReproBuild.Tool.Rendering;

namespace ReproBuild.Tool.Commands;

/// <summary>
/// <c>reprobuild status</c>: runs the project's <c>ReproBuildStatus</c> target — the build's own checks, writing
/// nothing — and prints each stage (pipeline order), dataset, model and the lock file as up to date or stale, with the reasons.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common)
    {
        var project = CommonOptions.ProjectArgument();
        var configuration = CommonOptions.ConfigurationOption();
        var framework = CommonOptions.FrameworkOption();
        var json = CommonOptions.JsonOption("the status");
        var command = new Command("status", "Show which stages, datasets and models the next build would run, inspect or train again, and why, without building. Exit code 0 when everything is up to date, 1 when something is stale.")
        {
            project, configuration, framework, json,
        };
        command.SetAction(result => common.Invoke(result, output =>
        {
            using var loaded = ReproBuildProject.Load(CommonOptions.Project(result, project, configuration, framework), output);
            var entries = loaded.Status(output);
            if (result.GetValue(json))
            {
                output.Result(ReproJson.Serialize(entries.Select(e => new { e.Kind, e.Name, e.Stale, e.Reasons })).TrimEnd());
            }
            else
            {
                Print(entries, Path.GetFileName(loaded.ProjectFile), output);
            }
            return entries.Any(e => e.Stale) ? ExitCodes.CheckFailed : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>"2 stages, 2 datasets and 1 model": what was checked, the lock file aside.</summary>
    private static string Counted(IReadOnlyList<StatusItem> entries)
    {
        var parts = new[] { (StatusItem.Stage, "stage"), (StatusItem.Dataset, "dataset"), (StatusItem.Model, "model") }
            .Select(k => (Count: entries.Count(e => e.Kind == k.Item1), Name: k.Item2))
            .Where(k => k.Count > 0)
            .Select(k => $"{k.Count} {k.Name}{(k.Count == 1 ? "" : "s")}")
            .ToArray();
        return parts.Length switch
        {
            0 => "nothing declared",
            1 => parts[0],
            _ => $"{string.Join(", ", parts[..^1])} and {parts[^1]}",
        };
    }

    internal static void Print(IReadOnlyList<StatusItem> entries, string project, ConsoleOutput output)
    {
        var stale = entries.Count(e => e.Stale);
        output.Note(stale == 0
            ? $"{project}: everything is up to date ({Counted(entries)})."
            : $"{project}: {stale} of {entries.Count} stale; the next build redoes them.");
        var width = entries.Count == 0 ? 0 : entries.Max(e => e.Name.Length);
        foreach (var entry in entries)
        {
            if (!entry.Stale && output.Verbosity < Verbosity.Normal)
            {
                continue;
            }
            var kind = entry.Kind switch { StatusItem.LockFile => "lock", var k => k.ToLowerInvariant() };
            var state = entry.Stale ? output.Yellow("stale") : output.Green("up to date");
            output.Result($"  {kind,-8} {entry.Name.PadRight(width)}  {state}");
            foreach (var reason in entry.Reasons)
            {
                output.Result($"  {"",-8} {"".PadRight(width)}    {reason}");
            }
            if (entry.Get("Sha256") is { } sha256)
            {
                output.Detail($"  {entry.Name}: sha256 {Numbers.Short(sha256)}");
            }
        }
    }
}
