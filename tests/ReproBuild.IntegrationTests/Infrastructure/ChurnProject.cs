namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>The one-model project many tests start from: <c>data/customers.csv</c> and a small FastTree model on it.</summary>
internal static class ChurnProject
{
    /// <param name="seed">The model's seed; a test that wants entries of its own in a shared cache picks another.</param>
    public static string Items(int seed = 3) => $"""
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
               Trainer="FastTree" Seed="{seed}" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        """;

    /// <param name="seed">The model's seed.</param>
    /// <param name="dataSeed">The seed <see cref="TestData.Binary"/> generates the data with.</param>
    public static UserProject Create(string test, int seed = 3, int dataSeed = 1)
    {
        var project = UserProject.Create(Items(seed), test);
        project.WriteFile("data/customers.csv", TestData.Binary(seed: dataSeed));
        return project;
    }
}
