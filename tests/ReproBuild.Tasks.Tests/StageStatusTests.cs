using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks.Tests;

/// <summary>
/// <c>ReproBuildStatus</c> on pipeline stages: after the build recorded what each stage's outputs were made from, the
/// status names a stage that would run again and why — an input, its code, a parameter, the seed, the command, an
/// output — decided by the build's own fingerprinter, and writes nothing.
/// </summary>
[TestClass]
public sealed class StageStatusTests : TempFolderTest
{
    private string _project = null!;
    private IntermediateLayout _layout = null!;

    [TestInitialize]
    public void CreateProject()
    {
        _project = Temp.Write("Models/Models.csproj", "<Project />");
        _layout = new IntermediateLayout(Temp.File("Models/obj/reprobuild"));
        Temp.Write("Models/data/raw/wine.csv", "a,b\n1,2\n3,4\n");
        Temp.Write("Models/features.sh", "echo features\n");
    }

    private string ProjectDirectory => Path.GetDirectoryName(_project)!;

    private string File(string relative) => Path.Combine(ProjectDirectory, relative);

    private static TaskItem Stage(string name, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(name);
        foreach (var (key, value) in metadata)
        {
            item.SetMetadata(key, value);
        }
        return item;
    }

    private static TaskItem Prepare(string parameters = "TestFraction=0.2", string seed = "7") =>
        Stage("Prepare", ("Command", "sh prepare.sh"), ("Outputs", "data/prepared/train.csv;data/prepared/test.csv"), ("Parameters", parameters), ("Seed", seed));

    private static TaskItem Features(string command = "sh features.sh") =>
        Stage("Features", ("Command", command), ("Code", "features.sh"), ("Outputs", "data/prepared/train.features.csv"));

    /// <summary>Each stage's Inputs as MSBuild expands them: full paths with the stage's name.</summary>
    private (string Stage, string File)[] _inputs = [];

    private ITaskItem[] Files((string Stage, string File)[] files) =>
        [.. files.Select(f =>
        {
            var item = new TaskItem(File(f.File));
            item.SetMetadata("StageName", f.Stage);
            return (ITaskItem)item;
        })];

    private ITaskItem[] Inputs => Files(_inputs);

    private ITaskItem[] Code(ITaskItem[] stages) =>
        Files([.. stages.Where(s => s.GetMetadata("Code").Length > 0).Select(s => (s.ItemSpec, s.GetMetadata("Code")))]);

    /// <summary>
    /// What a build that ran the stages leaves: their outputs, and per stage the record of what they were made from,
    /// computed by the build's fingerprinter as <see cref="StageContext"/> does after a run.
    /// </summary>
    private void Ran(ITaskItem[] stages, ITaskItem[]? programs = null)
    {
        var problems = new ItemProblems(null, _project);
        var parsed = StageItem.ParseAll(stages, Inputs, Code(stages), programs ?? [], ProjectDirectory, problems);
        var graph = StageGraph.Build(parsed, ProjectDirectory, problems);
        Assert.AreEqual(0, problems.ErrorCount);
        var statCache = StatCache.Load(_layout.StatCacheFile);
        var fingerprinter = new StageFingerprinter(ProjectDirectory, statCache, graph!);
        foreach (var stage in graph!.Order)
        {
            foreach (var output in stage.Outputs)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
                System.IO.File.WriteAllText(output, $"x,y\n{stage.Name},{Path.GetFileName(output)}\n");
            }
            var (inputs, inputFiles, codeFiles) = fingerprinter.Compute(stage, null);
            var fingerprint = inputs.ComputeFingerprint();
            var outputFiles = fingerprinter.Versions(stage.Outputs, new Dictionary<(string, string), string>(), Sha256Digest.OfFile);
            var reference = inputs.WithOutputs(fingerprint, [.. outputFiles.Select(f => new StageFile(f.Path, f.Digest))]);
            new StageRecord(StageRecord.CurrentFormat, reference, inputFiles, codeFiles, outputFiles).Write(_layout.StageRecordFile(stage.Name));
        }
        statCache.SaveIfChanged();
    }

    private (bool Success, Dictionary<string, ITaskItem> Entries, RecordingBuildEngine Engine) Status(ITaskItem[] stages, ITaskItem[]? programs = null, ITaskItem[]? datasets = null, ITaskItem[]? models = null)
    {
        var engine = new RecordingBuildEngine(_project);
        var task = new ComputeStatus
        {
            BuildEngine = engine, Stages = stages, StageInputs = Inputs, StageCode = Code(stages), StagePrograms = programs ?? [],
            Datasets = datasets ?? [], Models = models ?? [], IntermediateDirectory = _layout.Root, ProjectFile = _project, DefaultVersion = "1.0.0",
            LockFile = File("repro.lock.json"),
        };
        var success = task.Execute();
        return (success, task.Entries.ToDictionary(e => $"{e.GetMetadata("Kind")}:{e.ItemSpec}"), engine);
    }

    private static string[] Reasons(ITaskItem entry) => entry.GetMetadata("Reasons").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string[] StageReasons(ITaskItem[] stages, string stage, ITaskItem[]? programs = null)
    {
        var (success, entries, engine) = Status(stages, programs);
        Assert.IsTrue(success, engine.Log);
        return Reasons(entries[$"Stage:{stage}"]);
    }

    private string Sha256(string relative) => Sha256Digest.OfFile(File(relative))[..8];

    private ITaskItem[] Pipeline(string parameters = "TestFraction=0.2", string seed = "7", string command = "sh features.sh")
    {
        _inputs = [("Prepare", "data/raw/wine.csv"), ("Features", "data/prepared/train.csv")];
        return [Prepare(parameters, seed), Features(command)];
    }

    private Dictionary<string, (long, DateTime)> Snapshot() =>
        Directory.EnumerateFiles(Temp.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => (new FileInfo(f).Length, System.IO.File.GetLastWriteTimeUtc(f)));

    [TestMethod]
    public void StagesThatNeverRanAreStaleAndWhatTheyWriteWaitsForThem()
    {
        var dataset = new TaskItem(File("data/prepared/train.features.csv"));
        dataset.SetMetadata("Name", "train");
        var model = new TaskItem("Quality");
        model.SetMetadata("Dataset", "train");
        model.SetMetadata("Task", "Regression");
        model.SetMetadata("LabelColumn", "y");

        var (success, entries, engine) = Status(Pipeline(), datasets: [dataset], models: [model]);

        Assert.IsTrue(success, "a dataset a stage has not written yet is no error: " + engine.Log);
        CollectionAssert.AreEqual(new[] { "Stage:Prepare", "Stage:Features", "Dataset:train", "Model:Quality", "LockFile:repro.lock.json" }, entries.Keys.ToArray(), "stages first, in pipeline order");
        StringAssert.StartsWith(Reasons(entries["Stage:Prepare"]).Single(), "never run");
        StringAssert.StartsWith(Reasons(entries["Stage:Features"]).Single(), "never run");
        CollectionAssert.AreEqual(new[] { "its file is written by stage 'Features', which has not written it yet" }, Reasons(entries["Dataset:train"]));
        CollectionAssert.AreEqual(new[] { "its data comes from stage 'Features', which will run again" }, Reasons(entries["Model:Quality"]));
    }

    [TestMethod]
    public void AfterARunTheStagesAreUpToDateAndStatusWritesNothing()
    {
        var stages = Pipeline();
        Ran(stages);
        var before = Snapshot();

        var (success, entries, _) = Status(stages);

        Assert.IsTrue(success);
        Assert.AreEqual("false", entries["Stage:Prepare"].GetMetadata("Stale"), entries["Stage:Prepare"].GetMetadata("Reasons"));
        Assert.AreEqual("false", entries["Stage:Features"].GetMetadata("Stale"), entries["Stage:Features"].GetMetadata("Reasons"));
        Assert.AreEqual("data/prepared/train.csv\ndata/prepared/test.csv", entries["Stage:Prepare"].GetMetadata("Outputs"));
        CollectionAssert.AreEquivalent(before.ToArray(), Snapshot().ToArray(), "status writes, touches and deletes nothing");
    }

    [TestMethod]
    public void AChangedInputIsNamedWithItsDigestsAndTheStagesAfterItWillRun()
    {
        var stages = Pipeline();
        Ran(stages);
        var old = Sha256("data/raw/wine.csv");
        Temp.Write("Models/data/raw/wine.csv", "a,b\n1,2\n3,5\n");
        var statCache = System.IO.File.ReadAllText(_layout.StatCacheFile);

        var (_, entries, _) = Status(stages);

        CollectionAssert.AreEqual(new[] { $"input 'data/raw/wine.csv' changed (sha256 {old} -> {Sha256("data/raw/wine.csv")})" }, Reasons(entries["Stage:Prepare"]));
        CollectionAssert.AreEqual(new[] { "upstream stage 'Prepare' will run" }, Reasons(entries["Stage:Features"]));
        Assert.AreEqual(statCache, System.IO.File.ReadAllText(_layout.StatCacheFile), "the stat cache is not saved");
    }

    [TestMethod]
    public void AnInputTheGlobAddsOrNoLongerMatchesIsNamed()
    {
        var stages = Pipeline();
        Ran(stages);
        Temp.Write("Models/data/raw/more.csv", "a,b\n5,6\n");
        _inputs = [.. _inputs, ("Prepare", "data/raw/more.csv")];
        CollectionAssert.AreEqual(new[] { "input 'data/raw/more.csv' added" }, StageReasons(stages, "Prepare"));

        _inputs = [("Prepare", "data/raw/more.csv"), ("Features", "data/prepared/train.csv")];
        CollectionAssert.AreEqual(new[] { "input 'data/raw/more.csv' added", "input 'data/raw/wine.csv' removed" }, StageReasons(stages, "Prepare"));
    }

    [TestMethod]
    public void AParameterTheSeedAndTheCommandAreNamedWithOldAndNewValues()
    {
        Ran(Pipeline());

        CollectionAssert.AreEqual(new[] { "parameter TestFraction: 0.2 -> 0.3" }, StageReasons(Pipeline(parameters: "TestFraction=0.3"), "Prepare"));
        CollectionAssert.AreEqual(new[] { "parameter Shuffle added: true" }, StageReasons(Pipeline(parameters: "TestFraction=0.2;Shuffle=true"), "Prepare"));
        CollectionAssert.AreEqual(new[] { "Seed: 7 -> 8" }, StageReasons(Pipeline(seed: "8"), "Prepare"));
        CollectionAssert.AreEqual(new[] { "command changed: 'sh features.sh' -> 'sh features.sh --fast'" }, StageReasons(Pipeline(command: "sh features.sh --fast"), "Features"));
    }

    [TestMethod]
    public void AChangedCodeFileIsNamed()
    {
        var stages = Pipeline();
        Ran(stages);
        var old = Sha256("features.sh");
        Temp.Write("Models/features.sh", "echo features, faster\n");

        CollectionAssert.AreEqual(new[] { $"its code changed ('features.sh' changed: sha256 {old} -> {Sha256("features.sh")})" }, StageReasons(stages, "Features"));
    }

    [TestMethod]
    public void AMissingOutputOrOneChangedByHandMakesTheStageRunAgain()
    {
        var stages = Pipeline();
        Ran(stages);
        System.IO.File.Delete(File("data/prepared/test.csv"));
        CollectionAssert.AreEqual(new[] { "output 'data/prepared/test.csv' is missing" }, StageReasons(stages, "Prepare"));

        Ran(stages);
        System.IO.File.AppendAllText(File("data/prepared/train.features.csv"), "edited,by hand\n");
        var reasons = StageReasons(stages, "Features");
        StringAssert.StartsWith(reasons.Single(), "output 'data/prepared/train.features.csv' was changed by hand");
    }

    [TestMethod]
    public void AProjectStageSaysWhenItsProgramIsNotBuiltOrItsCodeOrSourceChanged()
    {
        Temp.Write("Prep/Prep.csproj", "<Project />");
        Temp.Write("Prep/Program.cs", "// the program\n");
        var program = Temp.Write("Prep/bin/Debug/net10.0/Prep.dll", "compiled code");
        System.IO.File.SetLastWriteTimeUtc(Temp.File("Prep/Program.cs"), DateTime.UtcNow.AddMinutes(-5));
        var stage = Stage("Prepare", ("Project", "../Prep/Prep.csproj"), ("Outputs", "data/prepared/train.csv"));
        _inputs = [("Prepare", "data/raw/wine.csv")];
        var programItem = new TaskItem(program);
        programItem.SetMetadata("MSBuildSourceProjectFile", Temp.File("Prep/Prep.csproj"));
        Ran([stage], [programItem]);
        CollectionAssert.AreEqual(Array.Empty<string>(), StageReasons([stage], "Prepare", [programItem]));

        System.IO.File.Delete(program);
        CollectionAssert.AreEqual(new[] { "its program has not been built yet (../Prep/Prep.csproj); the next build compiles and runs it" }, StageReasons([stage], "Prepare", [programItem]));

        var old = Sha256Digest.OfFile(Temp.Write("Prep/bin/Debug/net10.0/Prep.dll", "compiled code"))[..8];
        Temp.Write("Prep/bin/Debug/net10.0/Prep.dll", "other compiled code");
        var reason = StageReasons([stage], "Prepare", [programItem]).Single();
        Assert.AreEqual($"its code changed (the program of ../Prep/Prep.csproj: '../Prep/bin/Debug/net10.0/Prep.dll' changed: sha256 {old} -> {Sha256Digest.OfFile(program)[..8]})", reason);

        Ran([stage], [programItem]);
        Temp.Write("Prep/Program.cs", "// the program, edited\n");
        System.IO.File.SetLastWriteTimeUtc(Temp.File("Prep/Program.cs"), DateTime.UtcNow.AddMinutes(5));
        CollectionAssert.AreEqual(
            new[] { "'../Prep/Program.cs' changed since its program was built; the next build compiles ../Prep/Prep.csproj, and runs the stage if its compiled code changed" },
            StageReasons([stage], "Prepare", [programItem]));
    }
}
