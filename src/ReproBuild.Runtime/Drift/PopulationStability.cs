namespace ReproBuild.Runtime.Drift;

/// <summary>
/// The population stability index over Evidently's bins (<see cref="Binning"/>, empty bins filled with a tiny
/// share): Σ (reference% − current%) · ln(reference% / current%).
/// </summary>
internal static class PopulationStability
{
    public static double Index(IReadOnlyList<double> referenceShares, IReadOnlyList<double> currentShares)
    {
        var reference = Binning.FillZeroes(referenceShares);
        var current = Binning.FillZeroes(currentShares);
        var index = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            index += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }
        return index;
    }
}
