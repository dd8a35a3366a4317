using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Data;

/// <summary>
/// Tables an engine process's inspection made while it read a dataset, for its training of a model on the same bytes
/// (the build's served engine inspects, then trains): one pass over the file instead of two. A table is kept only
/// for a dataset the build trains on, no larger than <see cref="MaxFileBytes"/>, and only when the file had no
/// findings; training takes it (by path and SHA-256, so other bytes are never served) and the end of the training
/// request drops whatever is left.
/// </summary>
internal static class InspectedTables
{
    /// <summary>Above this the table is not kept (held in memory between two requests); training reads the file again.</summary>
    public const long MaxFileBytes = 256L << 20;

    private static readonly Dictionary<(string File, string Sha256), Table> s_tables = [];

    public static void Keep(string file, Table table)
    {
        lock (s_tables)
        {
            s_tables[(Path.GetFullPath(file), table.Sha256)] = table;
        }
    }

    /// <summary>The table inspected from exactly these bytes at this path, if one was kept; it is no longer kept after.</summary>
    public static Table? Take(string file, string sha256)
    {
        lock (s_tables)
        {
            return s_tables.Remove((Path.GetFullPath(file), sha256), out var table) ? table : null;
        }
    }

    public static void Clear()
    {
        lock (s_tables)
        {
            s_tables.Clear();
        }
    }
}
