using ReproBuild.Tasks.Shards;

namespace ReproBuild.Tasks.Tests.Shards;

[TestClass]
public sealed class ShardTests
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 10).Select(i => Shard.Key(ShardPlan.ModelKind, $"Model{i}"))];

    [TestMethod]
    public void EveryItemGoesToOneShardAndSharesDifferByAtMostOne()
    {
        var owners = new Shard(0, 3).Deal(Names);

        CollectionAssert.AreEquivalent(Names, owners.Keys.ToArray());
        var sizes = Enumerable.Range(0, 3).Select(i => owners.Values.Count(o => o == i)).ToArray();
        CollectionAssert.AreEquivalent(new[] { 4, 3, 3 }, sizes);
    }

    [TestMethod]
    public void TheDealDependsOnTheNamesOnlyNotOnTheirOrderOrTheShardAsking()
    {
        var first = new Shard(0, 3).Deal(Names);
        var reversed = new Shard(2, 3).Deal(Names.Reverse());

        CollectionAssert.AreEquivalent(first.ToArray(), reversed.ToArray());
    }

    [TestMethod]
    public void AModelAndAStageOfOneNameAreTwoItems()
    {
        var owners = new Shard(0, 2).Deal([Shard.Key(ShardPlan.ModelKind, "Prepare"), Shard.Key(ShardPlan.StageKind, "Prepare")]);

        Assert.AreEqual(2, owners.Count);
        Assert.AreNotEqual(owners.Values.First(), owners.Values.Last(), "two items over two shards: one each");
    }

    [TestMethod]
    [DataRow("0/1", 0, 1)]
    [DataRow("2/3", 2, 3)]
    [DataRow(" 1 / 4 ", 1, 4)]
    public void ParsesIndexAndCount(string text, int index, int count) =>
        Assert.AreEqual(new Shard(index, count), Shard.Parse(text, out _));

    [TestMethod]
    [DataRow("3/3", "an INDEX from 0 to COUNT-1")]
    [DataRow("0/0", "a COUNT of at least 1")]
    [DataRow("-1/3", "an INDEX from 0 to COUNT-1")]
    [DataRow("a/3", "an INDEX from 0 to COUNT-1")]
    [DataRow("2", "use INDEX/COUNT")]
    [DataRow("/3", "that variable is not set")]
    public void RefusesWhatIsNotAShard(string text, string explanation)
    {
        Assert.IsNull(Shard.Parse(text, out var problem));
        StringAssert.Contains(problem, explanation);
        StringAssert.Contains(problem, $"'{text}'");
    }
}
