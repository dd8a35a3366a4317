namespace Wine.Prepare;

/// <summary>
/// Which rows are held out for testing. Within each class, the rows are ordered by a hash of (seed, row number) and
/// the first TestFraction of them go to test: every class keeps its share in both files, and the choice is a pure
/// function of the seed — unlike System.Random, whose sequence .NET does not promise to keep across versions.
/// </summary>
internal static class TestSplit
{
    /// <returns>For each row, whether it is a test row.</returns>
    public static bool[] Choose(IReadOnlyList<string> labels, int seed, double testFraction)
    {
        var inTest = new bool[labels.Count];
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal))
        {
            var shuffled = group.OrderBy(i => Mix(((ulong)(uint)seed << 32) | (uint)i)).ThenBy(i => i).ToList();
            var testRows = (int)Math.Round(shuffled.Count * testFraction, MidpointRounding.AwayFromZero);
            foreach (var i in shuffled.Take(testRows))
            {
                inTest[i] = true;
            }
        }
        return inTest;
    }

    /// <summary>SplitMix64's finaliser (Steele, Lea and Flood, 2014): a well-mixed 64-bit hash of a 64-bit value.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
