using Microsoft.ML.Data;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using ReproBuild.Runtime;

namespace Cancer.Tests;

/// <summary>
/// Beyond thresholds: a test of your own on the shipped model, through ReproBuild.Runtime. Here, accuracy on a
/// subgroup — large tumours — which an overall metric can hide.
/// </summary>
[TestClass]
public sealed class SliceTests
{
    [TestMethod]
    public void LargeTumoursAreClassifiedAsWellAsTheRest()
    {
        var model = EmbeddedModel.Load(typeof(ModelsMarker).Assembly, "Cancer");
        var scored = model.Predict(model.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "cancer.csv")));

        var radius = scored.GetColumn<float>("mean radius").ToArray();
        var actual = scored.GetColumn<ReadOnlyMemory<char>>("diagnosis").Select(d => d.ToString() == model.Provenance.PositiveLabel).ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();

        var large = Enumerable.Range(0, radius.Length).Where(i => radius[i] > 15).ToArray();
        var accuracy = large.Count(i => predicted[i] == actual[i]) / (double)large.Length;

        Assert.IsGreaterThan(50, large.Length, "the slice is too small to judge");
        Assert.IsGreaterThanOrEqualTo(0.9, accuracy, $"accuracy on {large.Length} large tumours");
    }
}
