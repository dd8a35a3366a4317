using Microsoft.Build.Utilities;
using ReproBuild.Tasks.NoOp;

namespace ReproBuild.Tasks.Tests.NoOp;

[TestClass]
public sealed class InputStampTests : TempFolderTest
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private string Stamped(out string data, out string folder)
    {
        data = Temp.Write("data.csv", "a,b\n1,2\n");
        folder = Temp.File("models/M");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "model.zip"), "zip");
        var path = Temp.File("obj/x.stamp");
        InputStamp.Of("key", [data, .. InputStamp.FolderAndContents(folder), Temp.File("missing.txt")], ["payload\tline"]).Write(path);
        return path;
    }

    [TestMethod]
    public void Holds_while_the_key_and_every_file_are_as_they_were()
    {
        var path = Stamped(out _, out _);

        Assert.IsTrue(InputStamp.Holds(path, "key", out var stamp));
        CollectionAssert.AreEqual(new[] { "payload\tline" }, stamp!.Payload.ToArray());
        Assert.IsFalse(InputStamp.Holds(path, "other key", out _));
    }

    [TestMethod]
    public void A_file_rewritten_touched_deleted_or_created_breaks_it()
    {
        var path = Stamped(out var data, out var folder);
        File.SetLastWriteTimeUtc(data, LongAgo);
        Assert.IsFalse(InputStamp.Holds(path, "key", out _), "touched");

        path = Stamped(out data, out _);
        File.WriteAllText(data, "a,b\n1,2,3\n");
        Assert.IsFalse(InputStamp.Holds(path, "key", out _), "rewritten");

        path = Stamped(out _, out folder);
        File.WriteAllText(Path.Combine(folder, "extra.json"), "{}");
        Assert.IsFalse(InputStamp.Holds(path, "key", out _), "a file added to a stamped folder");

        path = Stamped(out _, out folder);
        File.Delete(Path.Combine(folder, "model.zip"));
        Assert.IsFalse(InputStamp.Holds(path, "key", out _), "a file deleted");

        path = Stamped(out _, out _);
        File.WriteAllText(Temp.File("missing.txt"), "now here");
        Assert.IsFalse(InputStamp.Holds(path, "key", out _), "a file that was missing appeared");
    }

    [TestMethod]
    public void A_stamp_that_is_not_one_holds_nothing()
    {
        var path = Temp.Write("obj/x.stamp", "reprobuild-stamp 1\nkey\n5\n");
        Assert.IsFalse(InputStamp.Holds(path, "key", out _));
        Assert.IsFalse(InputStamp.Holds(Temp.Write("obj/y.stamp", "something else\n"), "key", out _));
        Assert.IsFalse(InputStamp.Holds(Temp.File("obj/none.stamp"), "key", out _));
    }

    [TestMethod]
    public void The_key_covers_every_metadata_value_and_setting()
    {
        static TaskItem Model(string seed)
        {
            var model = new TaskItem("M");
            model.SetMetadata("Seed", seed);
            return model;
        }
        var item = Model("1");
        var key = InputStamp.KeyOf(["1.0.0"], [item]);

        Assert.AreEqual(key, InputStamp.KeyOf(["1.0.0"], [Model("1")]));
        item.SetMetadata("Seed", "2");
        Assert.AreNotEqual(key, InputStamp.KeyOf(["1.0.0"], [item]));
        item.SetMetadata("Seed", "1");
        Assert.AreNotEqual(key, InputStamp.KeyOf(["1.0.1"], [item]));
        item.SetMetadata("Parameters", "");
        Assert.AreEqual(key, InputStamp.KeyOf(["1.0.0"], [item]), "MSBuild does not tell an empty metadata value from a missing one");
    }

    [TestMethod]
    public void Items_come_back_with_their_metadata_whatever_characters_they_hold()
    {
        var item = new TaskItem("/a dir/model.zip");
        item.SetMetadata("LogicalName", "ReproBuild/M.model.zip");
        item.SetMetadata("Odd", "tab\there\\back=slash\nline");

        var lines = StampedItems.Lines("Resources", [item]).ToList();
        var read = StampedItems.Read(lines, "Resources").Single();

        Assert.AreEqual("/a dir/model.zip", read.ItemSpec);
        Assert.AreEqual("ReproBuild/M.model.zip", read.GetMetadata("LogicalName"));
        Assert.AreEqual("tab\there\\back=slash\nline", read.GetMetadata("Odd"));
        Assert.AreEqual(0, StampedItems.Read(lines, "Other").Length);
    }
}
