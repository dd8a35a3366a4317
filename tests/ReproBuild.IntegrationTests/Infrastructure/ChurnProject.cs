namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>The one-model project many tests start from: <c>data/customers.csv</c> and a small FastTree model on it.</summary>
internal static class ChurnProject
{
    public const string Items = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
               Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        """;

    public static UserProject Create(string test)
    {
        var project = UserProject.Create(Items, test);
        project.WriteFile("data/customers.csv", TestData.Binary());
        return project;
    }
}
