using ReproBuild.Protocol;

namespace ReproBuild.Tasks.Code;

/// <summary>What the typed API of one model is generated from: its result, inputs and version, read from obj/.</summary>
/// <param name="LabelIsNumber">Multiclass: the label column is read as numbers, so predictions are numbers too.</param>
internal sealed record TypedApiModel(
    string Name,
    string Version,
    ModelResult Result,
    ModelInputs Inputs,
    bool LabelIsNumber)
{
    /// <summary>A binary model whose classes are 0/1 or false/true predicts a <see cref="bool"/>; any other pair, the data's values.</summary>
    public bool PredictsBoolean =>
        Result.Classes is not [var negative, var positive]
        || (negative, positive) is ("0", "1")
        || (negative.Equals("false", StringComparison.OrdinalIgnoreCase) && positive.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Calibrated binary trainers (those with a Probability column) are the ones with log-loss metrics.</summary>
    public bool HasProbability => Result.Metrics.ContainsKey("LogLoss");
}
