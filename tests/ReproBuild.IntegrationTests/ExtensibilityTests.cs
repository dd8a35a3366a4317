using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>The targets extend and compose the SDK's way: a step of the user's own, a version set late, properties visible at evaluation.</summary>
[TestClass]
public sealed class ExtensibilityTests
{
    private const string Items = """
        <Dataset Include="data/customers.csv" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Seed="3" Parameters="NumberOfTrees=5" />
        """;

    [TestMethod]
    public void AStepAddedToReproBuildTrainDependsOnRunsBeforeTheDataIsHashed()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("raw.csv", TestData.Binary());
        // A preparation step of the user's own: it writes the dataset the model trains on.
        project.WriteProject(Items + """
              </ItemGroup>
              <PropertyGroup>
                <ReproBuildTrainDependsOn>$(ReproBuildTrainDependsOn);PrepareCustomers</ReproBuildTrainDependsOn>
              </PropertyGroup>
              <Target Name="PrepareCustomers">
                <Copy SourceFiles="raw.csv" DestinationFiles="data/customers.csv" SkipUnchangedFiles="true" />
              </Target>
              <ItemGroup>
            """);

        var built = project.Build().ShouldSucceed();

        StringAssert.Contains(built.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(BuildOutputsTests.Sha256(Path.Combine(project.Directory, "raw.csv")), LockEntry(project, "datasets", "customers").GetProperty("sha256").GetString());
    }

    [TestMethod]
    public void AVersionSetLateAsMinVerDoesIsTheOneStampedAndLocked()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.WriteProject(Items + """
              </ItemGroup>
              <Target Name="SetVersionLikeMinVer" BeforeTargets="BeforeCompile;CoreCompile;GetAssemblyVersion">
                <PropertyGroup>
                  <Version>3.4.5-beta.1</Version>
                </PropertyGroup>
              </Target>
              <ItemGroup>
            """);

        project.Build().ShouldSucceed();

        var stamps = BuiltAssembly.Metadata(BuiltAssembly.Load(project.Output("Models.dll")));
        Assert.AreEqual("3.4.5-beta.1", stamps["ReproBuild.Churn.Version"]);
        Assert.AreEqual("3.4.5-beta.1", LockEntry(project, "models", "Churn").GetProperty("version").GetString());
    }

    [TestMethod]
    public void LockedModeFollowsContinuousIntegrationBuildAtEvaluation()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("data/customers.csv", TestData.Binary());
        project.Run("restore").ShouldSucceed();

        var ci = project.Run("msbuild", "-getProperty:ReproBuildLockedMode", "-p:ContinuousIntegrationBuild=true").ShouldSucceed();
        var local = project.Run("msbuild", "-getProperty:ReproBuildLockedMode").ShouldSucceed();
        var overridden = project.Run("msbuild", "-getProperty:ReproBuildLockedMode", "-p:ContinuousIntegrationBuild=true", "-p:ReproBuildLockedMode=false").ShouldSucceed();

        Assert.AreEqual("true", ci.Output.Trim());
        Assert.AreEqual("false", local.Output.Trim());
        Assert.AreEqual("false", overridden.Output.Trim());
    }

    private static JsonElement LockEntry(UserProject project, string kind, string name)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "repro.lock.json")));
        return lockFile.RootElement.GetProperty(kind).GetProperty(name).Clone();
    }
}
