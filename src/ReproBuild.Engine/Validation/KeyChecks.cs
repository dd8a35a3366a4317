using ReproBuild.Engine.Diagnostics;
using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// The schema's <c>primaryKey</c> (the combination unique; its parts are required fields) and <c>uniqueKeys</c> (each
/// combination unique among rows where all its parts are present), over the keys the columns gave for a row.
/// </summary>
internal sealed class KeyChecks
{
    private readonly List<(int[] Columns, string Label, string Code, bool IsPrimary, Dictionary<string, int> Seen)> _keys = [];

    private KeyChecks()
    {
    }

    public static KeyChecks? For(TableSchema schema, string[] header)
    {
        var checks = new KeyChecks();
        void Add(IReadOnlyList<string> fields, string code, bool primary)
        {
            var columns = fields.Select(f => Array.IndexOf(header, f)).ToArray();
            if (fields.Count > 0 && columns.All(c => c >= 0))
            {
                checks._keys.Add((columns, string.Join(", ", fields), code, primary, new Dictionary<string, int>(StringComparer.Ordinal)));
            }
        }
        Add(schema.PrimaryKey, ErrorCodes.PrimaryKeyViolation, primary: true);
        foreach (var unique in schema.UniqueKeys)
        {
            Add(unique, ErrorCodes.UniqueKeyViolation, primary: false);
        }
        return checks._keys.Count == 0 ? null : checks;
    }

    public void Check(string?[] keys, int line, IFindings findings)
    {
        foreach (var (columns, label, code, primary, seen) in _keys)
        {
            // A missing part: primary-key fields are required, so their column check has reported it already;
            // unique keys compare only rows where every part is present.
            if (columns.Any(c => keys[c] is null))
            {
                continue;
            }
            var key = string.Join('\u001f', columns.Select(c => keys[c]));
            if (!seen.TryAdd(key, line))
            {
                var kind = primary ? "primary key" : "unique key";
                findings.Error(code, $"{kind} ({label}) value ({string.Join(", ", columns.Select(c => keys[c]))}) is not unique: it is also on line {seen[key]}.", line, columns[0] + 1);
            }
        }
    }
}
