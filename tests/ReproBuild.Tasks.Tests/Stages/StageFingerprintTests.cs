using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks.Tests.Stages;

/// <summary>A stage's fingerprint: what changes it (inputs' content, code, parameters, seed, command, outputs) and what does not.</summary>
[TestClass]
public sealed class StageFingerprintTests : TempFolderTest
{
    private string Project => Temp.File("Models");

    private string Fingerprint(string command = "sh clean.sh", string parameters = "Rate=0.1", string seed = "3", string outputs = "data/clean.csv")
    {
        var stage = new TaskItem("Clean");
        stage.SetMetadata("Command", command);
        stage.SetMetadata("Outputs", outputs);
        stage.SetMetadata("Parameters", parameters);
        stage.SetMetadata("Seed", seed);
        ITaskItem Expanded(string file)
        {
            var item = new TaskItem(Path.Combine(Project, file));
            item.SetMetadata("StageName", "Clean");
            return item;
        }
        var problems = new ItemProblems(new TaskLoggingHelper(new RecordingBuildEngine(), "RunStages"), Path.Combine(Project, "Models.csproj"));
        var stages = StageItem.ParseAll([stage], [Expanded("data/raw.csv")], [Expanded("clean.sh")], [], Project, problems);
        var graph = StageGraph.Build(stages, Project, problems)!;
        Assert.AreEqual(0, problems.ErrorCount);
        var fingerprinter = new StageFingerprinter(Project, StatCache.Load(Temp.File("stat-cache.tsv")), graph);
        var (inputs, _, _) = fingerprinter.Compute(stages[0], last: null);
        return inputs.ComputeFingerprint();
    }

    [TestInitialize]
    public void WriteFiles()
    {
        Temp.Write("Models/data/raw.csv", "a,b\n1,2\n");
        Temp.Write("Models/clean.sh", "cp data/raw.csv \"$REPROBUILD_OUTPUT_DIR/data/clean.csv\"\n");
    }

    [TestMethod]
    public void EveryInputChangesItAndATouchDoesNot()
    {
        var first = Fingerprint();
        Assert.AreEqual(first, Fingerprint(), "computed twice, the same");

        File.SetLastWriteTimeUtc(Temp.File("Models/data/raw.csv"), DateTime.UtcNow.AddMinutes(5));
        Assert.AreEqual(first, Fingerprint(), "a touched file with the same content");

        Assert.AreNotEqual(first, Fingerprint(parameters: "Rate=0.2"), "a parameter");
        Assert.AreNotEqual(first, Fingerprint(seed: "4"), "the seed");
        Assert.AreNotEqual(first, Fingerprint(command: "sh clean.sh --fast"), "the command line");
        Assert.AreNotEqual(first, Fingerprint(outputs: "data/clean.csv;data/extra.csv"), "the outputs it must write");

        Temp.Write("Models/clean.sh", "cp data/raw.csv \"$REPROBUILD_OUTPUT_DIR/data/clean.csv\" # faster\n");
        var code = Fingerprint();
        Assert.AreNotEqual(first, code, "a Code file");

        Temp.Write("Models/data/raw.csv", "a,b\n1,3\n");
        Assert.AreNotEqual(code, Fingerprint(), "an input's content");
    }

    [TestMethod]
    public void ParametersInAnotherOrderAreTheSameParameters() =>
        Assert.AreEqual(Fingerprint(parameters: "A=1;B=2"), Fingerprint(parameters: "B=2; A=1"));
}
