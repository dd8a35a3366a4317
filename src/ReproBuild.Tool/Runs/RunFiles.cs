using System.Text.Json;

namespace ReproBuild.Tool.Runs;

/// <summary>
/// The record files of one runs folder (not its subfolders), each read as <typeparamref name="T"/>. A file that is not
/// such a record is skipped with a warning that names it, so one damaged file does not hide the history.
/// </summary>
internal static class RunFiles
{
    /// <param name="problem">Why a record that parsed is still not one (a missing required field), or null.</param>
    /// <param name="skipped">Receives a warning per skipped file.</param>
    /// <returns>Each record with its id: the file name without <c>.json</c>.</returns>
    public static List<(T Record, string Id)> Read<T>(string directory, Func<T, string?> problem, string what, List<string> skipped)
    {
        var records = new List<(T, string)>();
        if (!Directory.Exists(directory))
        {
            return records;
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            try
            {
                var record = ReproJson.Read<T>(file);
                if (problem(record) is { } why)
                {
                    throw new JsonException(why);
                }
                records.Add((record, Path.GetFileNameWithoutExtension(file)));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or IOException)
            {
                skipped.Add($"{file}: skipped, not a ReproBuild {what} ({e.Message}). Delete it or move it out of the runs folder.");
            }
        }
        return records;
    }
}
