using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ReproBuild.Engine.Training;

/// <summary>How to build one ML.NET trainer from its options object.</summary>
/// <param name="NeedsNormalization">Linear and gradient methods converge on min-max-normalised features; trees do not need it.</param>
/// <param name="Package">The NuGet package the trainer ships in, for provenance.</param>
internal sealed record TrainerSpec(
    string Task,
    string Name,
    Type OptionsType,
    bool NeedsNormalization,
    string Package,
    Func<MLContext, object, IEstimator<ITransformer>> Create);

/// <summary>The ML.NET trainers behind the names in <see cref="Catalog"/>.</summary>
internal static class TrainerRegistry
{
    private const string StandardTrainers = "Microsoft.ML";
    private const string FastTreePackage = "Microsoft.ML.FastTree";
    private const string LightGbmPackage = "Microsoft.ML.LightGbm";

    public static readonly IReadOnlyList<TrainerSpec> All =
    [
        Binary<FastTreeBinaryTrainer.Options>("FastTree", false, FastTreePackage, (ml, o) => ml.BinaryClassification.Trainers.FastTree(o)),
        Binary<FastForestBinaryTrainer.Options>("FastForest", false, FastTreePackage, (ml, o) => ml.BinaryClassification.Trainers.FastForest(o)),
        Binary<LightGbmBinaryTrainer.Options>("LightGbm", false, LightGbmPackage, (ml, o) => ml.BinaryClassification.Trainers.LightGbm(o)),
        Binary<SdcaLogisticRegressionBinaryTrainer.Options>("SdcaLogisticRegression", true, StandardTrainers, (ml, o) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(o)),
        Binary<LbfgsLogisticRegressionBinaryTrainer.Options>("LbfgsLogisticRegression", true, StandardTrainers, (ml, o) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(o)),

        Multiclass<LbfgsMaximumEntropyMulticlassTrainer.Options>("LbfgsMaximumEntropy", true, StandardTrainers, (ml, o) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(o)),
        Multiclass<SdcaMaximumEntropyMulticlassTrainer.Options>("SdcaMaximumEntropy", true, StandardTrainers, (ml, o) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(o)),
        Multiclass<LightGbmMulticlassTrainer.Options>("LightGbm", false, LightGbmPackage, (ml, o) => ml.MulticlassClassification.Trainers.LightGbm(o)),

        Regression<FastTreeRegressionTrainer.Options>("FastTree", false, FastTreePackage, (ml, o) => ml.Regression.Trainers.FastTree(o)),
        Regression<FastForestRegressionTrainer.Options>("FastForest", false, FastTreePackage, (ml, o) => ml.Regression.Trainers.FastForest(o)),
        Regression<LightGbmRegressionTrainer.Options>("LightGbm", false, LightGbmPackage, (ml, o) => ml.Regression.Trainers.LightGbm(o)),
        Regression<SdcaRegressionTrainer.Options>("Sdca", true, StandardTrainers, (ml, o) => ml.Regression.Trainers.Sdca(o)),
        Regression<FastTreeTweedieTrainer.Options>("FastTreeTweedie", false, FastTreePackage, (ml, o) => ml.Regression.Trainers.FastTreeTweedie(o)),
        Regression<LbfgsPoissonRegressionTrainer.Options>("LbfgsPoissonRegression", true, StandardTrainers, (ml, o) => ml.Regression.Trainers.LbfgsPoissonRegression(o)),
    ];

    public static TrainerSpec Find(string task, string name) =>
        All.Single(spec => spec.Task == task && spec.Name == name);

    private static TrainerSpec Binary<TOptions>(string name, bool normalize, string package, Func<MLContext, TOptions, IEstimator<ITransformer>> create) =>
        Spec(Catalog.BinaryClassification, name, normalize, package, create);

    private static TrainerSpec Multiclass<TOptions>(string name, bool normalize, string package, Func<MLContext, TOptions, IEstimator<ITransformer>> create) =>
        Spec(Catalog.MulticlassClassification, name, normalize, package, create);

    private static TrainerSpec Regression<TOptions>(string name, bool normalize, string package, Func<MLContext, TOptions, IEstimator<ITransformer>> create) =>
        Spec(Catalog.Regression, name, normalize, package, create);

    private static TrainerSpec Spec<TOptions>(string task, string name, bool normalize, string package, Func<MLContext, TOptions, IEstimator<ITransformer>> create) =>
        new(task, name, typeof(TOptions), normalize, package, (ml, options) => create(ml, (TOptions)options));
}
