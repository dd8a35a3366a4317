using System.Globalization;
using System.Text;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A test project lists DriftGate items and references the model project: `dotnet test` runs one test per gate that
/// compares a data file with the training reference stamped beside the shipped model, and fails naming every drifted
/// column with its statistic, threshold and method.
/// </summary>
[TestClass]
public sealed class DriftGateTests
{
    private const string Models = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="1" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        """;

    [TestMethod]
    public void HeldOutRowsPassAndShiftedDataFailsNamingTheDriftedColumns()
    {
        var projects = Create("""
            <DriftGate Include="Churn" Dataset="data/held-out.csv" />
            <DriftGate Include="Churn" Dataset="data/held-out.csv" Method="psi" Threshold="0.5" />
            <DriftGate Include="Churn" Dataset="data/shifted-mean.csv" />
            <DriftGate Include="Churn" Dataset="data/new-category.csv" Columns="color" />
            <DriftGate Include="Churn" Dataset="data/swapped-columns.csv" />
            """);
        var rows = Rows(400);
        var heldOut = rows[300..];
        Write(projects.Models, "customers.csv", rows[..300]);
        Write(projects.Gates, "held-out.csv", heldOut);
        Write(projects.Gates, "shifted-mean.csv", [.. heldOut.Select(r => r with { Age = r.Age + 12, Income = r.Income + 30 })]);
        Write(projects.Gates, "new-category.csv", [.. heldOut.Select((r, i) => i % 3 == 0 ? r with { Color = "purple" } : r)]);
        Write(projects.Gates, "swapped-columns.csv", [.. heldOut.Select(r => r with { Age = r.Income, Income = r.Age })]);

        var result = DotNet.Run(projects.Gates, ["test", "--logger", "trx;LogFileName=drift.trx"]).ShouldFail();

        var trx = File.ReadAllText(Path.Combine(projects.Gates, "TestResults", "drift.trx"));
        StringAssert.Contains(trx, "testName=\"Churn: no drift on held-out.csv\"");
        StringAssert.Contains(trx, "testName=\"Churn: no drift on held-out.csv (psi at 0.5)\"");
        StringAssert.Contains(trx, "testName=\"Churn: no drift on new-category.csv (columns color)\"");
        StringAssert.Contains(result.Output, "Failed!  - Failed:     3, Passed:     2");
        // 240 training rows after the held-out split: Kolmogorov–Smirnov and chi-square, Evidently's defaults for small references.
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"Churn on shifted-mean\.csv: 2 of 3 columns drifted \(share 0\.6667; the dataset drifts at 0\.5\):\s+'age': ks p-value [0-9.E+-]+ <= threshold 0\.05\s+'income': ks p-value [0-9.E+-]+ <= threshold 0\.05"));
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"Churn on new-category\.csv: 1 of 1 columns drifted \(share 1; the dataset drifts at 0\.5\):\s+'color': chisquare p-value 0 <= threshold 0\.05"));
        StringAssert.Contains(result.Output, "Churn on swapped-columns.csv: 2 of 3 columns drifted");
        Assert.IsFalse(result.Output.Contains("Churn on held-out.csv", StringComparison.Ordinal), "the held-out rows pass");
    }

    [TestMethod]
    public void DriftGateMistakesAreBuildErrorsAtTheirElement()
    {
        var projects = Create("""
            <DriftGate Include="Churm" Dataset="data/held-out.csv" />
            <DriftGate Include="Churn" Dataset="data/held-out.csv" Columns="age;height" />
            <DriftGate Include="Churn" Dataset="data/nowhere.csv" />
            <DriftGate Include="Churn" Dataset="data/held-out.csv" Method="t-test" />
            <DriftGate Include="Churn" Dataset="data/held-out.csv" MaxDriftShare="2" />
            <DriftGate Include="Churn" Method="ks" />
            """);
        var rows = Rows(300);
        Write(projects.Models, "customers.csv", rows);
        Write(projects.Gates, "held-out.csv", rows[..50]);

        var result = DotNet.Run(projects.Gates, ["build"]).ShouldFail();
        result.ShouldHaveNoStackTrace();
        var project = Path.Combine(projects.Gates, "Gates.csproj");
        var errors = string.Join("\n", result.Errors);
        string At(string snippet) => ElementLocation.Of(project, snippet);
        StringAssert.Contains(errors, $"{At("Churm")}: error RB5001: DriftGate 'Churm': no referenced project builds a model of that name; models: Churn.");
        StringAssert.Contains(errors, $"{At("height")}: error RB5006: DriftGate 'Churn': model 'Churn' takes no column 'height'; its input columns: 'age', 'income', 'color'.");
        StringAssert.Contains(errors, $"{At("nowhere.csv")}: error RB5005: DriftGate 'Churn': the Dataset file '{Path.Combine(projects.Gates, "data", "nowhere.csv")}' does not exist.");
        StringAssert.Contains(errors, $"{At("t-test")}: error RB5007: DriftGate 'Churn': Method 't-test' is not a drift method; methods: ks, chisquare, wasserstein, jensenshannon, psi.");
        StringAssert.Contains(errors, $"{At("MaxDriftShare=\"2\"")}: error RB5007: DriftGate 'Churn': MaxDriftShare '2' is not a number above 0 and at most 1.");
        StringAssert.Contains(errors, $"{At("Method=\"ks\"")}: error RB5008: DriftGate 'Churn' has no Dataset: set it to the data file to compare with the model's training data.");
    }

    private sealed record Row(double Age, double Income, string Color, string Label);

    // Age around 45, income around 60: different scales, so swapping them shows in both.
    private static Row[] Rows(int count)
    {
        var random = new Random(7);
        string[] colors = ["red", "green", "blue"];
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var age = Math.Round(25 + random.NextDouble() * 40, 1);
            var income = Math.Round(20 + random.NextDouble() * 80, 2);
            var color = colors[random.Next(3)];
            return new Row(age, income, color, age / 10 + income / 20 + random.NextDouble() * 3 > 10 ? "yes" : "no");
        })];
    }

    private static void Write(string project, string file, Row[] rows)
    {
        var text = new StringBuilder("age,income,color,label\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Age},{row.Income},{row.Color},{row.Label}\n");
        }
        Directory.CreateDirectory(Path.Combine(project, "data"));
        File.WriteAllText(Path.Combine(project, "data", file), text.ToString());
    }

    private static GateProjects Create(string gateItems, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        GateProjects.Create(test, Models, gateItems);
}
