namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class CatalogTests
{
    [TestMethod]
    public void TaskNamesAreMatchedWithoutRegardToCase()
    {
        Assert.AreEqual(Catalog.Regression, Catalog.NormalizeTask("regression"));
        Assert.IsNull(Catalog.NormalizeTask("Clustering"));
    }
}
