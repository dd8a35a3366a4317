using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Schema;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// The schema's <c>primaryKey</c> (every part present, the combination unique) and <c>uniqueKeys</c> (each
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

    public void Check(string?[] keys, int line, FindingLimiter findings)
    {
        foreach (var (columns, label, code, primary, seen) in _keys)
        {
            var missing = columns.FirstOrDefault(c => keys[c] is null, -1);
            if (missing >= 0)
            {
                if (primary)
                {
                    findings.Error(code, $"primary key ({label}) has no value in this row.", line, missing + 1);
                }
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
