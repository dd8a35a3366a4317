using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// A test project lists MetricGate items and references the model project: `dotnet test` runs one test per gate
/// against the model that ships, and fails with the value, the bound and the model's digest when a gate does not hold.
/// </summary>
[TestClass]
public sealed class MetricGateTests
{
    private const string Models = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="1" Parameters="{0}" />
        """;

    private const string GoodParameters = "NumberOfTrees=20;NumberOfLeaves=4";

    [TestMethod]
    public void GatesPassAndFailOnTheShippedModelWithMessagesThatSayWhy()
    {
        var (root, models, gates) = Create("""
            <MetricGate Include="Churn" Metric="AreaUnderRocCurve" Minimum="0.5" />
            <MetricGate Include="Churn" Metric="Accuracy" Minimum="0.99999" />
            <MetricGate Include="Churn" Metric="AreaUnderRocCurve" Minimum="0.5" Dataset="../Models/data/customers.csv" />
            """);
        var result = DotNet.Run(gates, ["test", "--logger", "trx;LogFileName=gates.trx"]).ShouldFail();

        var trx = File.ReadAllText(Path.Combine(gates, "TestResults", "gates.trx"));
        StringAssert.Contains(trx, "testName=\"Churn: AreaUnderRocCurve &gt;= 0.5\"");
        StringAssert.Contains(trx, "testName=\"Churn: Accuracy &gt;= 0.99999\"");
        StringAssert.Contains(trx, "testName=\"Churn: AreaUnderRocCurve &gt;= 0.5 on customers.csv\"");
        StringAssert.Contains(result.Output, "Failed!  - Failed:     1, Passed:     2");
        var sha = BuildOutputsTests.Sha256(Path.Combine(models, "bin", "Debug", "net10.0", "models", "Churn.zip"));
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex($@"Churn: Accuracy is 0\.\d+, below the minimum 0\.99999 \(model sha256 {sha}\)"));
    }

    [TestMethod]
    public void MaxDropCatchesAModelThatGotWorseThanTheCommittedBaseline()
    {
        var (root, models, gates) = Create("""<MetricGate Include="Churn" Metric="AreaUnderRocCurve" MaxDrop="0.001" />""");
        DotNet.Run(gates, ["test"]).ShouldSucceed();
        Git.Run(root, "init", "-q");
        Git.Run(root, "add", "-A");
        Git.Run(root, "commit", "-qm", "baseline");

        // A worse model: the build rewrites the working tree's lock file, but the baseline is the committed one.
        File.WriteAllText(Path.Combine(models, "Models.csproj"), ModelsProject("NumberOfTrees=1;NumberOfLeaves=2"));
        var worse = DotNet.Run(gates, ["test"]).ShouldFail();
        StringAssert.Contains(worse.Output, "Churn: AreaUnderRocCurve fell from ");
        StringAssert.Contains(worse.Output, "(repro.lock.json at HEAD)");
        StringAssert.Contains(worse.Output, "more than MaxDrop 0.001");

        // Accepting the new numbers on purpose: commit the rewritten lock file.
        Git.Run(root, "commit", "-qam", "accept the smaller model");
        DotNet.Run(gates, ["test"]).ShouldSucceed();
    }

    [TestMethod]
    public void AGateRefusesAModelWhoseEmbeddedBytesWereTamperedWith()
    {
        var (_, models, gates) = Create("""<MetricGate Include="Churn" Metric="AreaUnderRocCurve" Minimum="0.5" />""");
        DotNet.Run(gates, ["test"]).ShouldSucceed();

        var assembly = Path.Combine(gates, "bin", "Debug", "net10.0", "Models.dll");
        var bytes = File.ReadAllBytes(assembly);
        var model = File.ReadAllBytes(Path.Combine(models, "bin", "Debug", "net10.0", "models", "Churn.zip"));
        var offset = bytes.AsSpan().IndexOf(model);
        Assert.IsTrue(offset > 0);
        bytes[offset + model.Length / 2] ^= 0xFF;
        File.WriteAllBytes(assembly, bytes);

        var result = DotNet.Run(gates, ["test", "--no-build"]).ShouldFail();
        StringAssert.Contains(result.Output, "Churn: The embedded model 'Churn' does not match the SHA-256 stamped at build time");
    }

    [TestMethod]
    public void GateMistakesAreBuildErrorsAtTheirLine()
    {
        var (_, _, gates) = Create("""
            <MetricGate Include="Churm" Metric="AreaUnderRocCurve" Minimum="0.5" />
            <MetricGate Include="Churn" Metric="RSquared" Minimum="0.5" />
            <MetricGate Include="Churn" Metric="F1Score" />
            <MetricGate Include="Churn" Metric="Accuracy" Minimum="0.5" />
            <MetricGate Include="Churn" Metric="Accuracy" MaxDrop="a little" />
            <MetricGate Include="Churn" Metric="Accuracy" Minimum="0.5" Dataset="missing.csv" />
            """);
        var result = DotNet.Run(gates, ["build"]).ShouldFail();
        result.ShouldHaveNoStackTrace();
        var project = Path.Combine(gates, "Gates.csproj");
        var errors = string.Join("\n", result.Errors);
        var lines = File.ReadAllLines(project);
        string At(string snippet)
        {
            var line = Array.FindIndex(lines, l => l.Contains(snippet, StringComparison.Ordinal));
            return $"{project}({line + 1},{lines[line].IndexOf('<', StringComparison.Ordinal) + 1})";
        }
        StringAssert.Contains(errors, $"{At("Churm")}: error RB5001: MetricGate 'Churm': no referenced project builds a model of that name; models: Churn.");
        StringAssert.Contains(errors, $"{At("RSquared")}: error RB5002: MetricGate 'Churn': model 'Churn' (BinaryClassification) has no metric 'RSquared'; its metrics: Accuracy, ");
        StringAssert.Contains(errors, $"{At("\"F1Score\"")}: error RB5003: MetricGate 'Churn' on F1Score has no bound; set Minimum, Maximum, MaxDrop or MaxRise.");
        StringAssert.Contains(errors, $"{At("a little")}: error RB5004: MetricGate 'Churn': MaxDrop 'a little' is not a number of 0 or more.");
        StringAssert.Contains(errors, $"{At("missing.csv")}: error RB5005: MetricGate 'Churn': the Dataset file '{Path.Combine(gates, "missing.csv")}' does not exist.");
    }

    private static (string Root, string Models, string Gates) Create(string gateItems, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var root = PackagedReproBuild.NewFolder(test);
        var models = Path.Combine(root, "Models");
        var gates = Path.Combine(root, "Gates");
        Directory.CreateDirectory(Path.Combine(models, "data"));
        Directory.CreateDirectory(gates);
        UserProject.WriteUserSetup(root);
        File.WriteAllText(Path.Combine(root, ".gitignore"), "bin/\nobj/\nTestResults/\n.reprobuild/\n");
        File.WriteAllText(Path.Combine(models, "Models.csproj"), ModelsProject(GoodParameters));
        File.WriteAllText(Path.Combine(models, "data", "customers.csv"), TestData.Binary());
        File.WriteAllText(Path.Combine(gates, "Gates.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReproBuild.Testing" Version="{PackagedReproBuild.Version}" />
                <PackageReference Include="MSTest" Version="4.5.2" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.10.1" />
                <ProjectReference Include="../Models/Models.csproj" />
              </ItemGroup>
              <ItemGroup>
            {gateItems}
              </ItemGroup>
            </Project>
            """);
        return (root, models, gates);
    }

    private static string ModelsProject(string parameters) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="ReproBuild" Version="{PackagedReproBuild.Version}" />
          </ItemGroup>
          <ItemGroup>
            {string.Format(System.Globalization.CultureInfo.InvariantCulture, Models, parameters)}
          </ItemGroup>
        </Project>
        """;
}
