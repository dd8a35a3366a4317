namespace ReproBuild.Engine.Training;

/// <summary>
/// The whole-number trainer options that count something, with the smallest value that makes sense: what ML.NET's
/// own option checks require, and where ML.NET does not check, what keeps it from crashing (TestFrequency=0 divides
/// by zero, NumberOfQuantileSamples=-1 overflows) or from silently training nonsense (MinimumExampleCountPerLeaf=-5,
/// NumberOfIterations=0). Checking them before any model trains makes NumberOfTrees=-5 an error at the model, not a
/// crash or an odd model minutes later. A unit test keeps every whole-number option of every trainer in one of the two lists.
/// </summary>
internal static class CountParameters
{
    public static readonly IReadOnlyDictionary<string, int> Minimum = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BaggingSize"] = 0,
        ["BatchSize"] = 1,
        ["EarlyStoppingRound"] = 0,
        ["GetDerivativesSampleRate"] = 1,
        ["HistorySize"] = 1,
        ["MaximumBinCountPerFeature"] = 2,
        ["MaximumCategoricalGroupCountPerNode"] = 0,
        ["MaximumCategoricalSplitPointCount"] = 0,
        ["MaximumNumberOfIterations"] = 1,
        ["MaximumNumberOfLineSearchSteps"] = 0,
        ["MinimumExampleCountPerGroup"] = 1,
        ["MinimumExampleCountPerLeaf"] = 0,
        ["MinimumExamplesForCategoricalSplit"] = 0,
        ["NumberOfIterations"] = 1,
        ["NumberOfLeaves"] = 2,
        ["NumberOfQuantileSamples"] = 0,
        ["NumberOfThreads"] = 1,
        ["NumberOfTrees"] = 1,
        ["PruningWindowSize"] = 1,
        ["TestFrequency"] = 1,
    };

    /// <summary>Whole-number options where any value, negative included, means something.</summary>
    public static readonly IReadOnlySet<string> Unbounded = new HashSet<string>(StringComparer.Ordinal)
    {
        "Seed",
        "FeatureSelectionSeed",
        // -1: choose automatically.
        "HistogramPoolSize",
        // 0 or less: never check convergence.
        "ConvergenceCheckFrequency",
    };
}
