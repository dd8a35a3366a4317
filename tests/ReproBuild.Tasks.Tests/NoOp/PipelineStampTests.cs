using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Protocol;
using ReproBuild.Tasks.NoOp;
using ReproBuild.Tasks.Stages;

namespace ReproBuild.Tasks.Tests.NoOp;

[TestClass]
public sealed class PipelineStampTests : TempFolderTest
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private IntermediateLayout _layout = null!;
    private string _data = null!;
    private ITaskItem[] _datasets = null!;
    private ITaskItem[] _hashed = null!;

    [TestInitialize]
    public void PipelineThatRan()
    {
        _layout = new IntermediateLayout(Temp.File("obj/reprobuild"));
        _data = Temp.Write("data.csv", "a,b\n1,2\n");
        _datasets = [new TaskItem(_data)];
        var hashed = IntermediateFiles.InspectedDataset(_layout, "data", "d5");
        hashed.SetMetadata("DataFile", _data);
        Temp.Write(hashed.ItemSpec, "{}");
        _hashed = [hashed];
        var statCache = StatCache.Load(_layout.StatCacheFile);
        statCache.Hash([_data]);
        statCache.SaveIfChanged();
    }

    private ITaskItem[] _stages = [];
    private ITaskItem[] _stageInputs = [];
    private ITaskItem[] _stageRecords = [];

    /// <summary>A Command stage whose record vouches for its input and output, as RunStages leaves it with <paramref name="outcome"/>.</summary>
    private string AddStage(string outcome)
    {
        var input = Temp.Write("raw.csv", "x\n1\n");
        var output = Temp.Write("prepared.csv", "x\n2\n");
        var statCache = StatCache.Load(_layout.StatCacheFile);
        var hashes = statCache.Hash([input, output]);
        statCache.SaveIfChanged();
        var record = new StageRecord(StageRecord.CurrentFormat,
            new StageReference("Prepare", "f1", "command", "sh prepare.sh", "c1", [], 0, [new StageFile("raw.csv", "s1", null)], [new StageFile("prepared.csv", "s2", null)]),
            [new FileVersion("raw.csv", hashes[input].Hash, "s1")], [], [new FileVersion("prepared.csv", hashes[output].Hash, "s2")]);
        var recordFile = Temp.File("obj/reprobuild/stages/Prepare.json");
        Directory.CreateDirectory(Path.GetDirectoryName(recordFile)!);
        record.Write(recordFile);
        _stages = [new TaskItem("Prepare", new Dictionary<string, string> { ["Command"] = "sh prepare.sh", ["Inputs"] = "*.csv" })];
        _stageInputs = [new TaskItem(input, new Dictionary<string, string> { ["StageName"] = "Prepare" })];
        var stage = new TaskItem("Prepare");
        stage.SetMetadata("RecordFile", recordFile);
        stage.SetMetadata("Outcome", outcome);
        _stageRecords = [stage];
        return output;
    }

    private void Write(params ITaskItem[] changedModels)
    {
        var task = new WritePipelineStamp
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = Temp.File("Project.csproj"),
            Stages = _stages,
            StageInputs = _stageInputs,
            StageRecords = _stageRecords,
            Datasets = _datasets,
            Settings = "1.0.0|false",
            HashedDatasets = _hashed,
            ChangedModels = changedModels,
            LockFile = Temp.File("repro.lock.json"),
            IntermediateDirectory = _layout.Root,
        };
        Assert.IsTrue(task.Execute());
    }

    private bool Current(string settings = "1.0.0|false")
    {
        var task = new CheckPipelineStamp
        {
            BuildEngine = new RecordingBuildEngine(), Datasets = _datasets, Stages = _stages, StageInputs = _stageInputs, Settings = settings, IntermediateDirectory = _layout.Root,
        };
        Assert.IsTrue(task.Execute());
        return task.Current;
    }

    [TestMethod]
    public void After_a_build_that_did_nothing_the_next_one_skips_the_pipeline_until_something_changes()
    {
        Assert.IsFalse(Current(), "no stamp yet");
        Write();

        Assert.IsTrue(Current());
        Assert.IsFalse(Current("1.0.1|false"), "another version");
        File.SetLastWriteTimeUtc(_data, LongAgo);
        Assert.IsFalse(Current(), "the dataset was touched");
    }

    [TestMethod]
    public void A_build_that_trained_or_restored_leaves_no_stamp()
    {
        Write();
        Write(new TaskItem("M"));

        Assert.IsFalse(File.Exists(Path.Combine(_layout.Root, "pipeline.stamp")));
        Assert.IsFalse(Current());
    }

    [TestMethod]
    public void A_dataset_edited_while_the_build_ran_leaves_no_stamp()
    {
        File.WriteAllText(_data, "a,b\n1,2\n3,4\n"); // after HashDatasets hashed it

        Write();

        Assert.IsFalse(Current());
    }

    [TestMethod]
    public void Stages_are_part_of_the_stamp_and_one_that_ran_leaves_none()
    {
        var output = AddStage(nameof(StageOutcome.UpToDate));
        Write();
        Assert.IsTrue(Current(), "every stage was up to date");

        File.SetLastWriteTimeUtc(output, LongAgo);
        Assert.IsFalse(Current(), "the stage's output was touched");
        Write();
        Assert.IsFalse(Current(), "the output changed after the stat cache took it: no stamp vouches for it");

        var statCache = StatCache.Load(_layout.StatCacheFile);
        statCache.Hash([output]); // as the next build's RunStages checks it
        statCache.SaveIfChanged();
        Write();
        Assert.IsTrue(Current());
        _stageInputs = [.. _stageInputs, new TaskItem(Temp.Write("more.csv", "x\n3\n"), new Dictionary<string, string> { ["StageName"] = "Prepare" })];
        Assert.IsFalse(Current(), "the stage's glob matches a new file");

        AddStage(nameof(StageOutcome.Ran));
        Write();
        Assert.IsFalse(File.Exists(Path.Combine(_layout.Root, "pipeline.stamp")), "a stage ran");
    }
}
