using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ReproBuild.Tasks.NoOp;

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

    private void Write(params ITaskItem[] changedModels)
    {
        var task = new WritePipelineStamp
        {
            BuildEngine = new RecordingBuildEngine(),
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
        var task = new CheckPipelineStamp { BuildEngine = new RecordingBuildEngine(), Datasets = _datasets, Settings = settings, IntermediateDirectory = _layout.Root };
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
}
