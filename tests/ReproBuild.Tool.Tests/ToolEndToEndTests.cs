using System.Text.Json;
using System.Text.RegularExpressions;
using ReproBuild.Tool.Tests.Infrastructure;

namespace ReproBuild.Tool.Tests;

/// <summary>
/// The README's walk-through, for real: a project with two models is built, committed, changed (one parameter)
/// and built again; then the built tool — run as a process, as `reprobuild` — reports status, the two experiments,
/// their diff, verifies the assembly, and writes a report that headless Chromium renders.
/// </summary>
[TestClass]
public sealed class ToolEndToEndTests
{
    private static ModelProject _project = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void BuildTwoExperiments(TestContext context)
    {
        _project = new ModelProject();
        Git.Run(_project.Directory, "init", "-q");
        _project.Build().ShouldExitWith(0);
        Git.Run(_project.Directory, "add", "-A", "Models.csproj", "data", "repro.lock.json");
        Git.Run(_project.Directory, "commit", "-q", "-m", "first experiment");
        _project.WriteProject(trees: 10);
        _project.Build().ShouldExitWith(0);
    }

    [ClassCleanup]
    public static void DeleteProject() => _project?.Dispose();

    private CommandResult Tool(params string[] arguments) => _project.Tool([.. arguments, "-c", Repository.Configuration]);

    [TestMethod]
    public void StatusIsUpToDateAfterABuildAndNamesWhatChanged()
    {
        StringAssert.Contains(Tool("status").ShouldExitWith(0).StandardOutput, "everything is up to date");
        try
        {
            _project.WriteProject(trees: 20);
            var stale = Tool("status").ShouldExitWith(1);
            StringAssert.Contains(stale.StandardOutput, "parameter NumberOfTrees: 10 -> 20");
            StringAssert.Matches(stale.StandardOutput, new Regex(@"model\s+Price\s+up to date"));

            var quiet = Tool("status", "-v", "q").ShouldExitWith(1);
            Assert.IsFalse(quiet.StandardOutput.Contains("Price", StringComparison.Ordinal), "quiet lists only what is stale");
        }
        finally
        {
            _project.WriteProject(trees: 10);
        }
        Tool("status").ShouldExitWith(0);
    }

    [TestMethod]
    public void SummaryAddsTheBuildTheGatesAndTheMetricChangesToTheJobSummary()
    {
        var trx = Path.Combine(_project.Directory, "gates.trx");
        File.WriteAllText(trx, """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="gates" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="Risk_AreaUnderRocCurve_AtLeast_0_9" outcome="Passed" />
                <UnitTestResult testName="Price_RSquared_AtLeast_0_99" outcome="Failed">
                  <Output><ErrorInfo><Message>Price: RSquared 0.41 is below 0.99</Message></ErrorInfo></Output>
                </UnitTestResult>
              </Results>
            </TestRun>
            """);
        var stepSummary = Path.Combine(_project.Directory, "step-summary.md");
        File.WriteAllText(stepSummary, "earlier step\n");

        var summary = DotNet.Run(_project.Directory, ["exec", Repository.ToolAssembly, "summary", "--base", "HEAD", "--trx", trx, "-c", Repository.Configuration],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = stepSummary }).ShouldExitWith(0);

        var markdown = File.ReadAllText(stepSummary);
        StringAssert.StartsWith(markdown, "earlier step\n", "GitHub expects steps to append to the job summary.");
        Assert.IsFalse(summary.StandardOutput.Contains("## ReproBuild", StringComparison.Ordinal), "The summary went to the file, not to the log.");
        // The last build retrained Risk (NumberOfTrees 5 -> 10); Price's inputs did not change.
        StringAssert.Matches(markdown, new Regex(@"\| model \| Risk \| trained \|"));
        StringAssert.Matches(markdown, new Regex(@"\| model \| Price \| up-to-date \|"));
        StringAssert.Contains(markdown, "1 of 2 did not pass.");
        StringAssert.Contains(markdown, "Price: RSquared 0.41 is below 0.99");
        StringAssert.Contains(markdown, "### Metric changes against `HEAD`");
        StringAssert.Matches(markdown, new Regex(@"NumberOfTrees \| 5 \| 10"));

        var file = Path.Combine(_project.Directory, "summary.md");
        Tool("summary", "--output", file).ShouldExitWith(0);
        StringAssert.StartsWith(File.ReadAllText(file), "## ReproBuild: Models");
        StringAssert.Contains(Tool("summary", "--trx", Path.Combine(_project.Directory, "Models.csproj")).ShouldExitWith(2).StandardError, "is not a TRX file");
    }

    [TestMethod]
    public void RunsShowBothExperiments()
    {
        var runs = Tool("runs").ShouldExitWith(0).StandardOutput;
        StringAssert.Matches(runs, new Regex(@"Risk~1 .* NumberOfLeaves=4 NumberOfTrees=5 Seed=1 "));
        StringAssert.Matches(runs, new Regex(@"Risk~0 .* NumberOfLeaves=4 NumberOfTrees=10 Seed=1 "));
        StringAssert.Contains(runs, "Price (Regression)");

        using var json = JsonDocument.Parse(Tool("runs", "--json", "--model", "Risk").ShouldExitWith(0).StandardOutput);
        Assert.AreEqual(2, json.RootElement.GetArrayLength());
        Assert.AreEqual("10", json.RootElement[1].GetProperty("parameters").GetProperty("NumberOfTrees").GetString());

        StringAssert.Contains(Tool("runs", "--model", "Nope").ShouldExitWith(2).StandardError, "No runs of Nope");
    }

    [TestMethod]
    public void DiffShowsTheTwoExperimentsSideBySide()
    {
        var runs = Tool("diff", "Risk~1", "Risk~0").ShouldExitWith(0).StandardOutput;
        StringAssert.Matches(runs, new Regex(@"\*\s+NumberOfTrees\s+5\s+10"));
        StringAssert.Matches(runs, new Regex(@"AreaUnderRocCurve\s+\S+\s+\S+\s+\S+\s+\S+%"));

        // Default: the committed lock file against the one the second build wrote.
        var locks = Tool("diff").ShouldExitWith(0).StandardOutput;
        StringAssert.Contains(locks, "old: HEAD:repro.lock.json");
        StringAssert.Matches(locks, new Regex(@"Risk: model sha256 \w{8} -> \w{8}"));
        StringAssert.Contains(locks, "Unchanged (same model, parameters and metrics): Price");

        StringAssert.Contains(Tool("diff", "HEAD", "--md").ShouldExitWith(0).StandardOutput, "| NumberOfTrees | 5 | 10 |");
        using var json = JsonDocument.Parse(Tool("diff", "Risk~1", "--json").ShouldExitWith(0).StandardOutput);
        Assert.AreEqual("Risk", json.RootElement.GetProperty("models")[0].GetProperty("model").GetString());

        StringAssert.Contains(Tool("diff", "no-such-thing").ShouldExitWith(2).StandardError, "is neither a run");
    }

    [TestMethod]
    public void VerifyChecksTheAssemblyAndCatchesATamperedModel()
    {
        var verified = _project.Tool("verify", Path.Combine(_project.OutputDirectory, "Models.dll")).ShouldExitWith(0).StandardOutput;
        StringAssert.Matches(verified, new Regex(@"Risk  OK  sha256 \w{64}"));
        StringAssert.Contains(verified, "BinaryClassification with FastTree, seed 1, label sick (positive: yes)");
        StringAssert.Contains(verified, "train data: patients (160 rows");

        Assert.IsTrue(File.Exists(Path.Combine(_project.OutputDirectory, "models", "Risk.evaluation.json")), "the plot data is copied beside the model");

        var folder = Path.Combine(_project.Root, "tampered");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(_project.OutputDirectory, "models", "Risk.provenance.json"), Path.Combine(folder, "Risk.provenance.json"));
        var bytes = File.ReadAllBytes(Path.Combine(_project.OutputDirectory, "models", "Risk.zip"));
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(folder, "Risk.zip"), bytes);
        StringAssert.Contains(_project.Tool("verify", Path.Combine(folder, "Risk.zip")).ShouldExitWith(1).StandardOutput, "Risk  MISMATCH");
    }

    [TestMethod]
    public void DriftComparesAFileWithTheTrainingDataAndExitsOneOnDrift()
    {
        var same = _project.WriteCurrentData("same.csv", shift: 0);
        var shifted = _project.WriteCurrentData("shifted.csv", shift: 6);

        var calm = Tool("drift", "Risk", same).ShouldExitWith(0).StandardOutput;
        StringAssert.Contains(calm, "Risk on same.csv: 0 of 3 columns drifted");
        StringAssert.Matches(calm, new Regex(@"age\s+numeric\s+ks\s+p \S+\s+0\.05\s+no\s+\d+\s+160"));
        StringAssert.Matches(calm, new Regex(@"color\s+categorical\s+chisquare\s+p \S+\s+0\.05\s+no"));
        StringAssert.Contains(calm, "No dataset drift");

        var drifted = Tool("drift", _project.Directory, "Risk", shifted).ShouldExitWith(1).StandardOutput;
        StringAssert.Matches(drifted, new Regex(@"age\s+numeric\s+ks\s+p \S+\s+0\.05\s+DRIFT"));
        StringAssert.Matches(drifted, new Regex(@"weight\s+numeric\s+ks\s+p \S+\s+0\.05\s+DRIFT"));
        StringAssert.Contains(drifted, "Dataset drift: 2 of 3 columns drifted");

        // The options of a DriftGate: one column, another method and threshold, another share.
        var psi = Tool("drift", "Risk", shifted, "--columns", "color", "--method", "psi", "--threshold", "0.2").ShouldExitWith(0).StandardOutput;
        StringAssert.Matches(psi, new Regex(@"color\s+categorical\s+psi\s+d \S+\s+0\.2\s+no"));
        Assert.IsFalse(psi.Contains("age", StringComparison.Ordinal), psi);
        Tool("drift", "Risk", shifted, "--max-drift-share", "0.9").ShouldExitWith(0);

        using var json = JsonDocument.Parse(Tool("drift", "Risk", shifted, "--json").ShouldExitWith(1).StandardOutput);
        Assert.IsTrue(json.RootElement.GetProperty("datasetDrift").GetBoolean());
        Assert.AreEqual(160, json.RootElement.GetProperty("rows").GetInt64());
        var age = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "age");
        Assert.AreEqual("ks", age.GetProperty("method").GetString());
        Assert.IsLessThanOrEqualTo(0.05, age.GetProperty("score").GetDouble());
        var histogram = age.GetProperty("histogram");
        Assert.AreEqual(histogram.GetProperty("bins").GetArrayLength(), histogram.GetProperty("current").GetArrayLength(), "both sides over the same bins");

        var markdown = Tool("drift", "Risk", shifted, "--md").ShouldExitWith(1).StandardOutput;
        StringAssert.Contains(markdown, "| column | kind | method | statistic | threshold | drift | reference | current |");
        StringAssert.Matches(markdown, new Regex(@"\| age \| numeric \| ks \| p \S+ \| 0\.05 \| DRIFT \|"));
        StringAssert.Contains(markdown, "**Dataset drift**: 2 of 3 columns drifted");

        // The reference embedded in the built assembly, checked against the provenance's digest: the same answer.
        var assembly = Path.Combine(_project.OutputDirectory, "Models.dll");
        StringAssert.Contains(_project.Tool("drift", "--assembly", assembly, "Risk", shifted).ShouldExitWith(1).StandardOutput, "Dataset drift: 2 of 3 columns drifted");
        _project.Tool("drift", "--assembly", assembly, "Risk", same).ShouldExitWith(0);
    }

    [TestMethod]
    public void DriftOnABadFileIsTheRuntimesErrorWithExitCodeTwo()
    {
        var text = _project.WriteCurrentFile("text.csv", "age,weight,color\n3.1,4.2,red\nold,5,blue\n");
        var bad = Tool("drift", "Risk", text).ShouldExitWith(2);
        StringAssert.Contains(bad.StandardError, "text.csv(3,1): error RB2006");
        Assert.IsFalse(bad.Output.Contains("   at ", StringComparison.Ordinal), bad.Output);

        var semicolons = _project.WriteCurrentFile("semicolons.csv", "age;weight;color\n3.1;4.2;red\n");
        StringAssert.Contains(Tool("drift", "Risk", semicolons).ShouldExitWith(2).StandardError, "error RB1013");
        StringAssert.Contains(Tool("drift", "Risk", _project.WriteCurrentFile("empty.csv", "")).ShouldExitWith(2).StandardError, "error RB2003");
        StringAssert.Contains(Tool("drift", "Risk", Path.Combine(_project.Root, "nowhere.csv")).ShouldExitWith(2).StandardError, "error RB1007");

        StringAssert.Contains(Tool("drift", "Nope", text).ShouldExitWith(2).StandardError, "no model 'Nope'; models: Price, Risk");
        StringAssert.Contains(Tool("drift", "Risk", text, "--columns", "height").ShouldExitWith(2).StandardError, "takes no column 'height'");
        StringAssert.Contains(Tool("drift", "Risk", text, "--method", "ks", "--columns", "color").ShouldExitWith(2).StandardError, "fits none of the compared columns");
        Tool("drift", "Risk", text, "--method", "nonsense").ShouldExitWith(2);
        StringAssert.Contains(Tool("drift", "Risk", text, "--json", "--md").ShouldExitWith(2).StandardError, "give one of them");
    }

    [TestMethod]
    public void TheReportRendersInHeadlessChromiumWithoutErrors()
    {
        var report = Path.Combine(_project.Root, "report.html");
        var shifted = _project.WriteCurrentData("shifted.csv", shift: 6);
        var same = _project.WriteCurrentData("same.csv", shift: 0);
        StringAssert.Contains(Tool("report", "-o", report, "--drift", $"Risk={shifted}", "--drift", $"Risk={same}").ShouldExitWith(0).StandardOutput, "(2 models, 2 datasets, 3 runs, 2 drift comparisons)");
        var html = File.ReadAllText(report);
        Assert.IsFalse(Regex.IsMatch(html, @"(src|href)\s*=\s*[""']?(https?:)?//"), "the report loads nothing from the network");
        Attach(report);

        var chromium = HeadlessChromium.Find();
        // Like nginx for the remote-cache tests, the browser is a stated test dependency (.ci/run installs it): a
        // missing one fails, so that a green run always means the charts were seen to render.
        Assert.IsNotNull(chromium, "chromium is not installed (apt-get install chromium; .ci/run does): the report's rendering cannot be checked.");

        var profile = Path.Combine(_project.Root, "chromium-profile");
        var dom = HeadlessChromium.DumpDom(chromium, report, profile);
        var root = Regex.Match(dom.StandardOutput, "<html[^>]*>").Value;
        StringAssert.Contains(root, "data-reprobuild-status=\"rendered\"", dom.Output);
        StringAssert.Contains(root, "data-errors=\"0\"");
        // Per model: 3 metric histories, 2 curves or 2 scatter plots, feature importance; per numeric column a histogram.
        var charts = int.Parse(Regex.Match(root, "data-charts=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(2 * 6 + 4, charts, root);
        StringAssert.Contains(dom.StandardOutput, "Confusion matrix");
        // The drift sections: both verdicts, and per compared column the reference and current histograms (3 + 3 charts).
        Assert.IsGreaterThanOrEqualTo(2 * 6 + 4 + 6, charts, root);
        StringAssert.Matches(dom.StandardOutput, new Regex(@"Drift: Risk on shifted\.csv <span class=""badge stale"">dataset drift</span>"));
        StringAssert.Matches(dom.StandardOutput, new Regex(@"Drift: Risk on same\.csv <span class=""badge ok"">no dataset drift</span>"));
        StringAssert.Matches(dom.StandardOutput, new Regex(@"<figcaption>age: ks [^<]+ ≤ 0\.05 \(drift\)</figcaption>"));
        StringAssert.Contains(dom.StandardOutput, "<figcaption>color: chisquare ");

        // A bad --drift is an error, and no report is written over the last one.
        StringAssert.Contains(Tool("report", "-o", report, "--drift", "Risk").ShouldExitWith(2).StandardError, "is not MODEL=FILE");
        StringAssert.Contains(Tool("report", "-o", report, "--drift", "Risk=" + Path.Combine(_project.Root, "nowhere.csv")).ShouldExitWith(2).StandardError, "error RB1007");
        Assert.IsFalse(dom.StandardError.Split('\n').Any(l => l.Contains("CONSOLE", StringComparison.Ordinal) && l.Contains("rror", StringComparison.Ordinal)), dom.StandardError);

        var png = Path.Combine(_project.Root, "report.png");
        HeadlessChromium.Screenshot(chromium, report, png, profile);
        Assert.IsTrue(File.Exists(png) && new FileInfo(png).Length > 10_000, "the screenshot was written");
        Attach(png);
    }

    [TestMethod]
    public void ThePackageInstallsAsALocalToolAndRuns()
    {
        // The package is made from the tool the test project already built; a version of its own keeps any cached
        // package from standing in for it. It is installed as a user would, but into the project's temporary folder:
        // NuGet's packages folder, and the .NET CLI's home with its local-tool cache and template cache, are there.
        var version = $"0.1.0-tooltest.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var feed = Path.Combine(_project.Root, "feed");
        var tools = Path.Combine(_project.Root, "tools");
        Directory.CreateDirectory(tools);
        var packages = new TestPackagesFolder(Path.Combine(_project.Root, "packages"));
        var user = new Dictionary<string, string?>(packages.Variables) { ["DOTNET_CLI_HOME"] = Path.Combine(_project.Root, "home") };
        DotNet.Run(Repository.Root, ["pack", Path.Combine("src", "ReproBuild.Tool", "ReproBuild.Tool.csproj"), "--no-build", "-c", Repository.Configuration, "-o", feed, $"-p:Version={version}"]).ShouldExitWith(0);

        DotNet.Run(tools, ["new", "tool-manifest"], user).ShouldExitWith(0);
        DotNet.Run(tools, ["tool", "install", "--local", "ReproBuild.Tool", "--version", version, "--add-source", feed], user).ShouldExitWith(0);

        StringAssert.Contains(DotNet.Run(tools, ["reprobuild", "--help"], user).ShouldExitWith(0).StandardOutput, "status");
        StringAssert.Contains(DotNet.Run(tools, ["reprobuild", "runs", _project.Directory, "-c", Repository.Configuration], user).ShouldExitWith(0).StandardOutput, "Risk~0");
        Assert.IsTrue(Directory.Exists(packages.PackageFolder("ReproBuild.Tool", version)), "the tool is installed from the test's own packages folder");
        Assert.IsFalse(Directory.Exists(Path.Combine(TestPackagesFolder.UserFolder, "reprobuild.tool", version)), "the user's packages folder is left as it was");
    }

    // The project folder is deleted when the class ends, before the test logger collects attachments: attach copies.
    private void Attach(string file)
    {
        var folder = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "reprobuild-tool");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, Path.GetFileName(file));
        File.Copy(file, copy, overwrite: true);
        TestContext.AddResultFile(copy);
    }
}
