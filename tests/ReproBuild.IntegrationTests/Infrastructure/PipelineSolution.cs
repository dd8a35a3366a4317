namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A user's solution with a custom pipeline: a class library <c>Pipelines/</c> that references ReproBuild.Pipelines
/// and holds the pipeline code, and the model project <c>Models/</c> that references it and names its types.
/// </summary>
internal sealed class PipelineSolution
{
    private PipelineSolution(string root, UserProject models)
    {
        Root = root;
        Models = models;
    }

    public string Root { get; }

    public UserProject Models { get; }

    public string PipelineFile => Path.Combine(Root, "Pipelines", "Pipeline.cs");

    public static PipelineSolution Create(string pipelineCode, string modelItems, string test)
    {
        var root = PackagedReproBuild.NewFolder(test);
        UserProject.WriteUserSetup(root);
        Directory.CreateDirectory(Path.Combine(root, "Pipelines"));
        File.WriteAllText(Path.Combine(root, "Pipelines", "Pipelines.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReproBuild.Pipelines" Version="{PackagedReproBuild.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Pipelines", "Pipeline.cs"), pipelineCode);
        var models = UserProject.InFolder(Path.Combine(root, "Models"), $"""
            <ProjectReference Include="../Pipelines/Pipelines.csproj" />
            {modelItems}
            """);
        return new PipelineSolution(root, models);
    }

    /// <summary>The same sources and data in a new folder, without anything a build left: a second clone.</summary>
    public PipelineSolution CopyTo(string name)
    {
        var target = Path.Combine(Path.GetDirectoryName(Root)!, name);
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".reprobuild"))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        return new PipelineSolution(target, UserProject.At(Path.Combine(target, "Models"), "Models"));
    }
}
