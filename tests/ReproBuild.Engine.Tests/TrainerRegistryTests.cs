using ReproBuild.Engine.Training;

namespace ReproBuild.Engine.Tests;

[TestClass]
public sealed class TrainerRegistryTests
{
    private static IEnumerable<(string Task, string Name)> CatalogTrainers() =>
        Catalog.Trainers.SelectMany(pair => pair.Value.Select(name => (pair.Key, name)));

    [TestMethod]
    public void EveryCatalogTrainerHasExactlyOneRegistryEntry()
    {
        foreach (var (task, name) in CatalogTrainers())
        {
            var matches = TrainerRegistry.All.Count(spec => spec.Task == task && spec.Name == name);
            Assert.AreEqual(1, matches, $"{task}/{name} is in Catalog.Trainers but has {matches} TrainerRegistry entries");
        }
    }

    [TestMethod]
    public void EveryRegistryEntryIsInTheCatalog()
    {
        var catalog = CatalogTrainers().ToHashSet();
        foreach (var spec in TrainerRegistry.All)
        {
            Assert.Contains((spec.Task, spec.Name), catalog, $"TrainerRegistry has {spec.Task}/{spec.Name}, which Catalog.Trainers does not offer");
        }
        Assert.AreEqual(catalog.Count, TrainerRegistry.All.Count, "the registry has duplicate entries");
    }

    [TestMethod]
    public void EveryCatalogTaskHasTrainers()
    {
        CollectionAssert.AreEquivalent(Catalog.Tasks.ToArray(), Catalog.Trainers.Keys.ToArray());
        foreach (var task in Catalog.Tasks)
        {
            Assert.IsNotEmpty(Catalog.Trainers[task], task);
        }
    }

    [TestMethod]
    public void EveryTrainersOptionsCanBeCreatedAndBound()
    {
        foreach (var spec in TrainerRegistry.All)
        {
            var options = Activator.CreateInstance(spec.OptionsType);
            Assert.IsNotNull(options, spec.Name);
            var parameters = TrainerOptionsBinder.SettableParameters(spec.OptionsType);
            Assert.IsTrue(parameters.ContainsKey("FeatureColumnName") && parameters.ContainsKey("LabelColumnName"), $"{spec.Task}/{spec.Name}");
        }
    }
}
