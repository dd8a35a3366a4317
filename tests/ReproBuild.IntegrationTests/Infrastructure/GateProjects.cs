namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A model project (Models/) and an MSTest project with MetricGate items that references it (Gates/), side by side
/// in a folder of their own, as a user lays out a model and its metric gates.
/// </summary>
internal sealed record GateProjects(string Root, string Models, string Gates)
{
    public static GateProjects Create(string test, string modelItems, string gateItems)
    {
        var root = PackagedReproBuild.NewFolder(test);
        var projects = new GateProjects(root, Path.Combine(root, "Models"), Path.Combine(root, "Gates"));
        Directory.CreateDirectory(Path.Combine(projects.Models, "data"));
        Directory.CreateDirectory(projects.Gates);
        UserProject.WriteUserSetup(root);
        File.WriteAllText(Path.Combine(root, ".gitignore"), "bin/\nobj/\nTestResults/\n.reprobuild/\n");
        projects.WriteModels(modelItems);
        File.WriteAllText(Path.Combine(projects.Gates, "Gates.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReproBuild.Testing" Version="{PackagedReproBuild.Version}" />
                <PackageReference Include="MSTest" Version="4.5.2" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.10.1" />
                <ProjectReference Include="../Models/Models.csproj" />
              </ItemGroup>
              <ItemGroup>
            {gateItems}
              </ItemGroup>
            </Project>
            """);
        return projects;
    }

    public string ModelsProjectFile => Path.Combine(Models, "Models.csproj");

    /// <summary>(Re)writes the model project with these Dataset and Model items.</summary>
    public void WriteModels(string modelItems) =>
        File.WriteAllText(ModelsProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReproBuild" Version="{PackagedReproBuild.Version}" />
              </ItemGroup>
              <ItemGroup>
                {modelItems}
              </ItemGroup>
            </Project>
            """);
}
