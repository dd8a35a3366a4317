using System.Globalization;
using System.Text;
using ReproBuild.Engine.Commands;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// Tiny deterministic datasets and the plumbing the MSBuild tasks would do around the engine: inspect the data,
/// write the model's inputs document, run <c>engine train</c> in-process.
/// </summary>
internal static class TrainingFixture
{
    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static (double X1, double X2, string Color) Features(int i) =>
        (((i * 37) % 101) / 10.0, ((i * 53) % 97) / 10.0, (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" });

    /// <summary>Linearly separable: label is 1 when x1 + x2 &gt; 10.</summary>
    public static string BinaryCsv(int rows = 200, Func<int, string>? label = null)
    {
        var text = new StringBuilder("x1,x2,color,label\n");
        for (var i = 0; i < rows; i++)
        {
            var (x1, x2, color) = Features(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(x1)},{F(x2)},{color},{label?.Invoke(i) ?? (x1 + x2 > 10 ? "1" : "0")}\n");
        }
        return text.ToString();
    }

    /// <summary>Three classes by bands of x1.</summary>
    public static string MulticlassCsv(int rows = 200)
    {
        var text = new StringBuilder("x1,x2,species\n");
        for (var i = 0; i < rows; i++)
        {
            var (x1, x2, _) = Features(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(x1)},{F(x2)},{(x1 < 3.3 ? "setosa" : x1 < 6.6 ? "versicolor" : "virginica")}\n");
        }
        return text.ToString();
    }

    /// <summary>y = 2 x1 + 3 x2 + a small deterministic wiggle.</summary>
    public static string RegressionCsv(int rows = 200)
    {
        var text = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < rows; i++)
        {
            var (x1, x2, _) = Features(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(x1)},{F(x2)},{F(2 * x1 + 3 * x2 + (i % 5 - 2) * 0.1)}\n");
        }
        return text.ToString();
    }

    public static ModelInputs Inputs(
        string task,
        string label,
        string trainer,
        string parameters = "",
        int seed = 42,
        string? positiveLabel = null,
        string model = "Model",
        string[]? features = null,
        string[]? ignore = null) =>
        new(
            model,
            task,
            label,
            positiveLabel,
            features ?? [],
            ignore ?? [],
            trainer,
            new SortedDictionary<string, string>(
                parameters.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
                StringComparer.Ordinal),
            seed,
            0.2,
            new DatasetReference("data", ""),
            null,
            "0.1.0-test",
            "5.0.1");

    /// <summary>Inspects a CSV as `engine inspect` would and returns its summary file; fails the test on any finding.</summary>
    public static (string DataFile, string SummaryFile, DatasetSummary Summary) WriteDataset(TempFolder folder, string name, string csv)
    {
        var dataFile = folder.Write($"data/{name}.csv", csv);
        var output = new StringWriter();
        var summary = DatasetInspector.Inspect(new DatasetJob(name, dataFile, ',', true, folder.File($"obj/datasets/{name}.json")), new DiagnosticWriter(output));
        Assert.IsNotNull(summary, output.ToString());
        var summaryFile = folder.Write($"obj/datasets/{name}.json", ReproJson.Serialize(summary));
        return (dataFile, summaryFile, summary);
    }

    public sealed record Run(string Output, int ErrorCount, string OutputDirectory, string ProjectFile, string RunsDirectory)
    {
        public string OutputFile(string name) => Path.Combine(OutputDirectory, name);

        public ModelResult Result => ReproJson.Read<ModelResult>(OutputFile(ModelOutputFiles.Result));

        public void AssertSucceeded() => Assert.AreEqual(0, ErrorCount, Output);
    }

    /// <summary>Writes the dataset and the inputs document and runs `engine train` on them in-process.</summary>
    /// <param name="element">Where the model's item element is in the project file, as the MSBuild task finds it.</param>
    public static Run Train(TempFolder folder, string csv, ModelInputs inputs, string? testCsv = null, string outputName = "out", (int Line, int Column) element = default)
    {
        var train = WriteDataset(folder, "data", csv);
        var test = testCsv is null ? ((string, string, DatasetSummary)?)null : WriteDataset(folder, "test", testCsv);
        inputs = inputs with
        {
            Dataset = new DatasetReference("data", train.Summary.Sha256),
            TestDataset = test is { } t ? new DatasetReference("test", t.Item3.Sha256) : null,
            TestFraction = test is null ? inputs.TestFraction : null,
        };
        var inputsFile = folder.Write($"obj/models/{inputs.Model}.inputs.json", ReproJson.Serialize(inputs));
        var projectFile = folder.Write("App.csproj", "<Project />");
        var outputDirectory = folder.File($"obj/{outputName}/{inputs.Model}");
        var runs = folder.File(".reprobuild/runs");
        var request = new TrainRequest(
            projectFile,
            folder.File("obj/engine.log"),
            runs,
            [new ModelJob(inputsFile, outputDirectory, train.DataFile, train.SummaryFile, test?.Item1, test?.Item2, element.Line, element.Column)]);

        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);
        TrainCommand.Run(request, diagnostics);
        return new Run(output.ToString(), diagnostics.ErrorCount, outputDirectory, projectFile, runs);
    }

    /// <summary>Several models on one dataset in one `engine train` request, in the given order; returns the output and each model's output folder.</summary>
    public static (string Output, string[] OutputDirectories) TrainAll(TempFolder folder, string csv, params ModelInputs[] models)
    {
        var train = WriteDataset(folder, "data", csv);
        var jobs = models.Select(inputs =>
        {
            inputs = inputs with { Dataset = new DatasetReference("data", train.Summary.Sha256) };
            var inputsFile = folder.Write($"obj/models/{inputs.Model}.inputs.json", ReproJson.Serialize(inputs));
            return new ModelJob(inputsFile, folder.File($"obj/out/{inputs.Model}"), train.DataFile, train.SummaryFile, null, null);
        }).ToArray();
        var request = new TrainRequest(folder.Write("App.csproj", "<Project />"), folder.File("obj/engine.log"), folder.File(".reprobuild/runs"), jobs);
        var output = new StringWriter();
        TrainCommand.Run(request, new DiagnosticWriter(output));
        return (output.ToString(), jobs.Select(job => job.OutputDirectory).ToArray());
    }
}
