using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A model whose ML.NET pipeline is C# in a referenced class library (Pipeline="Namespace.Type"): it trains through the
/// packages, reproduces byte for byte in another clone, retrains when its compiled code changes and only then, and
/// every mistake in that code is one RB error at the model's element with the user's own message.
/// </summary>
[TestClass]
public sealed class CustomPipelineTests
{
    private const string ChurnPipeline = """
        using Microsoft.ML;
        using Microsoft.ML.Trainers;
        using ReproBuild.Pipelines;

        namespace Acme.Pipelines;

        public sealed class ChurnPipeline : IModelPipeline
        {
            public IEstimator<ITransformer> Build(PipelineContext context)
            {
                var ml = context.ML;
                var numbers = context.FeatureNames(PipelineColumnType.Number);
                var text = context.FeatureNames(PipelineColumnType.Text);
                return ml.Transforms.ReplaceMissingValues([.. numbers.Select(n => new InputOutputColumnPair(n))])
                    .Append(ml.Transforms.Categorical.OneHotEncoding([.. text.Select(t => new InputOutputColumnPair(t))]))
                    .Append(ml.Transforms.Concatenate("Features", [.. numbers, .. text]))
                    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        LabelColumnName = context.LabelColumnName,
                        FeatureColumnName = "Features",
                        NumberOfThreads = 1,
                        L2Regularization = float.Parse(context.Parameters["L2"], System.Globalization.CultureInfo.InvariantCulture),
                    }));
            }
        }
        """;

    private const string ChurnModel = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.ChurnPipeline" Seed="7" Parameters="L2=0.5" />
        """;

    private const string AsCi = "-p:DeterministicSourcePaths=true";

    [TestMethod]
    public void ACustomPipelineTrainsReproducesInTwoClonesAndRetrainsOnlyWhenItsCodeChanges()
    {
        var first = PipelineSolution.Create(ChurnPipeline, ChurnModel, nameof(ACustomPipelineTrainsReproducesInTwoClonesAndRetrainsOnlyWhenItsCodeChanges));
        first.Models.WriteFile("data/customers.csv", TestData.Binary());
        var second = first.CopyTo($"{Path.GetFileName(first.Root)}-clone");

        // As CI builds (DeterministicSourcePaths), so that the assembly, typed API included, is comparable too.
        StringAssert.Contains(first.Models.Build(AsCi).ShouldSucceed().Output, "ReproBuild: trained Churn (Acme.Pipelines.ChurnPipeline, ");
        second.Models.Build(AsCi).ShouldSucceed();
        foreach (var output in new[] { "models/Churn.zip", "models/Churn.provenance.json", "Models.dll" })
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(first.Models.Output(output)), File.ReadAllBytes(second.Models.Output(output)), $"{output} differs between two clones.");
        }
        Assert.AreEqual(File.ReadAllText(Path.Combine(first.Models.Directory, "repro.lock.json")), File.ReadAllText(Path.Combine(second.Models.Directory, "repro.lock.json")));
        StringAssert.Contains(File.ReadAllText(first.Models.Output("models/Churn.provenance.json")), "\"name\": \"pipeline:Acme.Pipelines.ChurnPipeline\"");

        // A comment and a blank line change the source, not the compiled code: nothing retrains.
        File.WriteAllText(first.PipelineFile, "// The churn model's features.\n\n" + ChurnPipeline);
        var unchanged = first.Models.Build(AsCi).ShouldSucceed();
        Assert.IsFalse(unchanged.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), unchanged.Output);

        // Nothing happened in that build, so the next one checks the pipeline stamp — the library's files included —
        // instead of fingerprinting again.
        var noOp = first.Models.Build(AsCi, "--no-restore", "-clp:PerformanceSummary").ShouldSucceed().Output;
        StringAssert.Contains(noOp, "CheckPipelineStamp");
        Assert.IsFalse(noOp.Contains("ComputeModelFingerprints", StringComparison.Ordinal), noOp);

        // A change of code retrains, with a new fingerprint, even where the parameters are the same (and the stamp held).
        var fingerprint = Fingerprint(first);
        File.WriteAllText(first.PipelineFile, ChurnPipeline.Replace("NumberOfThreads = 1,", "NumberOfThreads = 1, OptimizationTolerance = 1e-3f,", StringComparison.Ordinal));
        StringAssert.Contains(first.Models.Build(AsCi).ShouldSucceed().Output, "ReproBuild: trained Churn (Acme.Pipelines.ChurnPipeline, ");
        Assert.AreNotEqual(fingerprint, Fingerprint(first));
    }

    [TestMethod]
    public void EveryMistakeInAPipelineIsOneErrorAtItsModelElement()
    {
        const string code = """
            using Microsoft.ML;
            using ReproBuild.Pipelines;

            namespace Acme.Pipelines;

            public sealed class NotAPipeline
            {
            }

            public sealed class Throws : IModelPipeline
            {
                public IEstimator<ITransformer> Build(PipelineContext context) => throw new InvalidOperationException("this pipeline needs a column named 'plan'");
            }

            public sealed class NeedsArguments(int trees) : IModelPipeline
            {
                public IEstimator<ITransformer> Build(PipelineContext context) => context.ML.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: trees);
            }

            public sealed class ReturnsNull : IModelPipeline
            {
                public IEstimator<ITransformer> Build(PipelineContext context) => null;
            }

            public sealed class FailsToFit : IModelPipeline
            {
                public IEstimator<ITransformer> Build(PipelineContext context) =>
                    context.ML.BinaryClassification.Trainers.LbfgsLogisticRegression(context.LabelColumnName, "NoSuchFeatures");
            }
            """;
        const string engineErrors = """
            <Dataset Include="data/customers.csv" />
            <Model Include="NotAPipeline" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.NotAPipeline" />
            <Model Include="Throws" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.Throws" />
            <Model Include="NeedsArguments" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.NeedsArguments" />
            <Model Include="ReturnsNull" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.ReturnsNull" />
            <Model Include="FailsToFit" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.FailsToFit" />
            """;
        var solution = PipelineSolution.Create(code, """
            <Dataset Include="data/customers.csv" />
            <Model Include="Missing" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Pipeline="Acme.Pipelines.Missing" />
            """, nameof(EveryMistakeInAPipelineIsOneErrorAtItsModelElement));
        var project = solution.Models;
        project.WriteFile("data/customers.csv", TestData.Binary(rows: 60));

        var missing = project.Build().ShouldFail();
        missing.ShouldHaveNoStackTrace();
        Assert.AreEqual(1, missing.Errors.Count, string.Join("\n", missing.Errors));
        StringAssert.StartsWith(missing.Errors[0], $"{ElementLocation.Of(project.ProjectFile, "\"Missing\"")}: error RB1019: Model 'Missing' has Pipeline 'Acme.Pipelines.Missing', but no project this project references defines type 'Acme.Pipelines.Missing' (the referenced projects' assemblies are Pipelines.dll).");

        project.WriteProject($"""<ProjectReference Include="../Pipelines/Pipelines.csproj" />{engineErrors}""");
        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();
        (string Model, string Error)[] expected =
        [
            ("NotAPipeline", "error RB1020: pipeline Acme.Pipelines.NotAPipeline of model 'NotAPipeline' cannot be used: it does not implement ReproBuild.Pipelines.IModelPipeline (package ReproBuild.Pipelines)."),
            ("Throws", "error RB3012: pipeline Acme.Pipelines.Throws of model 'Throws' threw while building its estimator: InvalidOperationException: this pipeline needs a column named 'plan'"),
            ("NeedsArguments", "error RB1020: pipeline Acme.Pipelines.NeedsArguments of model 'NeedsArguments' cannot be used: it needs a public parameterless constructor and must not be abstract."),
            ("ReturnsNull", "error RB1020: pipeline Acme.Pipelines.ReturnsNull of model 'ReturnsNull' returned no estimator (null) from Build."),
            ("FailsToFit", "error RB3012: pipeline Acme.Pipelines.FailsToFit of model 'FailsToFit' failed to fit or to be evaluated: "),
        ];
        foreach (var (model, error) in expected)
        {
            var at = ElementLocation.Of(project.ProjectFile, $"\"{model}\"");
            Assert.AreEqual(1, result.Errors.Count(e => e.StartsWith($"{at}: {error}", StringComparison.Ordinal)), $"Expected once at {at}: {error}\n{string.Join("\n", result.Errors)}");
        }
        StringAssert.Contains(result.Output, "NoSuchFeatures");
        Assert.AreEqual(expected.Length, result.Errors.Count, string.Join("\n", result.Errors));
    }

    private static string Fingerprint(PipelineSolution solution) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(solution.Models.Directory, "repro.lock.json")))
            .RootElement.GetProperty("models").GetProperty("Churn").GetProperty("fingerprint").GetString()!;
}
