using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.ML;

namespace ReproBuild.Runtime.TypedApi;

/// <summary>
/// What every <c>&lt;Model&gt;Model</c> class of a project's typed API (README, "The typed API") does, in one place: the
/// embedded model loaded once on first use (its SHA-256 checked by <see cref="EmbeddedModel.Load"/>), and predictions
/// through pooled prediction engines. The generated code holds only what differs per model — its input and prediction
/// classes and <paramref name="convert"/> —, so a project with many models compiles little code for each.
/// </summary>
/// <typeparam name="TInput">The model's input class: one property per input column.</typeparam>
/// <typeparam name="TOutput">The model's output columns as ML.NET writes them (one of this namespace's output classes).</typeparam>
/// <typeparam name="TPrediction">The model's prediction class.</typeparam>
/// <param name="assembly">The assembly the model is embedded in.</param>
/// <param name="name">The model's name.</param>
/// <param name="convert">Makes a prediction of the output columns.</param>
public sealed class TypedModel<TInput, TOutput, TPrediction>(Assembly assembly, string name, Func<TOutput, TPrediction> convert)
    where TInput : class
    where TOutput : class, new()
{
    private readonly Lazy<EmbeddedModel> loaded = new(() => EmbeddedModel.Load(assembly, name));

    // A prediction engine is not thread-safe; each call takes one from the pool, or makes one, and gives it back.
    private readonly ConcurrentBag<PredictionEngine<TInput, TOutput>> engines = [];

    /// <summary>The embedded model, loaded on first use after its bytes were checked against its stamped SHA-256.</summary>
    public EmbeddedModel Model => loaded.Value;

    /// <summary>Predicts one row. Safe to call from any number of threads at once.</summary>
    public TPrediction Predict(TInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var engine = Rent();
        try
        {
            return convert(engine.Predict(input));
        }
        finally
        {
            engines.Add(engine);
        }
    }

    /// <summary>Predicts rows in order. Safe to call from any number of threads at once.</summary>
    public IReadOnlyList<TPrediction> Predict(IEnumerable<TInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var predictions = new List<TPrediction>();
        var engine = Rent();
        try
        {
            foreach (var input in inputs)
            {
                ArgumentNullException.ThrowIfNull(input, nameof(inputs));
                predictions.Add(convert(engine.Predict(input)));
            }
        }
        finally
        {
            engines.Add(engine);
        }
        return predictions;
    }

    // The engine's input schema comes from the input class, which has the model's input columns only: no label.
    private PredictionEngine<TInput, TOutput> Rent() =>
        engines.TryTake(out var engine) ? engine : Model.Context.Model.CreatePredictionEngine<TInput, TOutput>(Model.Transformer);
}
