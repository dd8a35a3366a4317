using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>The IDE's design-time builds never read data, train or fail on data; datasets are known to the IDE.</summary>
[TestClass]
public sealed class DesignTimeBuildTests
{
    private static UserProject CreateWithBrokenData([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var project = UserProject.Create("""
            <Dataset Include="data/broken.csv" />
            <Model Include="Broken" Dataset="broken" Task="Regression" LabelColumn="y" />
            """, test);
        project.WriteFile("data/broken.csv", "x,y\n1,2\n2,3\nnot-a-number,4\n3,5\n");
        return project;
    }

    [TestMethod]
    public void ADesignTimeBuildNeitherTrainsNorFailsOnBadData()
    {
        var project = CreateWithBrokenData();
        var result = project.Run("msbuild", "-restore", "-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true").ShouldSucceed();
        Assert.IsFalse(result.Output.Contains("RB2", StringComparison.Ordinal), result.Output);
        Assert.IsFalse(Directory.Exists(Path.Combine(project.IntermediateDirectory(), "datasets")), "A design-time build inspected the data.");

        // The same project in a real build reports the cell.
        StringAssert.Contains(project.Build("--no-restore").ShouldFail().Output, "broken.csv(4,1): error RB2001");
    }

    [TestMethod]
    public void DatasetsAreABuildActionAndInputsOfTheFastUpToDateCheck()
    {
        var project = CreateWithBrokenData();
        project.Run("restore").ShouldSucceed();
        var inputs = project.Run("msbuild", "-getItem:UpToDateCheckInput").ShouldSucceed().Output;
        StringAssert.Contains(inputs, "broken.csv");
        var itemTypes = project.Run("msbuild", "-getItem:AvailableItemName").ShouldSucceed().Output;
        StringAssert.Contains(itemTypes, "\"Identity\": \"Dataset\"");
        var schemas = project.Run("msbuild", "-getItem:PropertyPageSchema").ShouldSucceed().Output;
        StringAssert.Contains(schemas, "ReproBuild.xaml");
    }

    [TestMethod]
    public void DesignTimeBuildsCompileTheTypedApiThatTheLastBuildLeft()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="LbfgsLogisticRegression" />
            """);
        project.WriteFile("data/customers.csv", TestData.Binary(rows: 60));
        var generated = Path.Combine(project.IntermediateDirectory(), "ReproBuild.Models.g.cs");
        string[] designTime = ["msbuild", "-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true", "-getItem:Compile"];

        // Before any build: nothing trained, so the API has no model yet, and nothing is read or trained for it.
        project.Run("restore").ShouldSucceed();
        StringAssert.Contains(project.Run(designTime).ShouldSucceed().Output, "ReproBuild.Models.g.cs");
        Assert.IsFalse(File.ReadAllText(generated).Contains("ChurnModel", StringComparison.Ordinal));
        Assert.IsFalse(Directory.Exists(Path.Combine(project.IntermediateDirectory(), "datasets")), "A design-time build inspected the data.");

        project.Build("--no-restore").ShouldSucceed();
        File.Delete(generated);
        var afterBuild = project.Run(designTime).ShouldSucceed();
        Assert.IsFalse(afterBuild.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), afterBuild.Output);
        StringAssert.Contains(afterBuild.Output, "ReproBuild.Models.g.cs");
        StringAssert.Contains(File.ReadAllText(generated), "public static class ChurnModel");
    }
}
