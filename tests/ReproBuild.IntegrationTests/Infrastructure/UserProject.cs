using System.Runtime.CompilerServices;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A project as a user writes it — an SDK project with a PackageReference to ReproBuild from the test feed and
/// some Dataset and Model items — in a folder of its own outside the repository.
/// </summary>
internal sealed class UserProject
{
    private UserProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Directory, $"{Name}.csproj");

    public string OutputDirectory(string configuration = "Debug") => Path.Combine(Directory, "bin", configuration, "net10.0");

    public string Output(string relativePath, string configuration = "Debug") => Path.Combine(OutputDirectory(configuration), relativePath);

    public string IntermediateDirectory(string configuration = "Debug") => Path.Combine(Directory, "obj", configuration, "net10.0", "reprobuild");

    public static UserProject Create(string items, [CallerMemberName] string test = "", string name = "Models")
    {
        var directory = PackagedReproBuild.NewFolder(test);
        var project = new UserProject(directory, name);
        WriteUserSetup(directory);
        project.WriteProject(items);
        return project;
    }

    /// <summary>A project in a folder of the test's choosing (a solution's subfolder); the caller writes it.</summary>
    public static UserProject At(string directory, string name)
    {
        System.IO.Directory.CreateDirectory(directory);
        return new UserProject(directory, name);
    }

    /// <summary>A project in a subfolder of a solution the test lays out itself (<see cref="WriteUserSetup"/> at its root).</summary>
    public static UserProject InFolder(string directory, string items, string name = "Models")
    {
        System.IO.Directory.CreateDirectory(directory);
        var project = new UserProject(directory, name);
        project.WriteProject(items);
        return project;
    }

    /// <summary>The files a user has beside the project to use the package: a NuGet source for the test feed.</summary>
    public static void WriteUserSetup(string directory) =>
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="reprobuild-under-test" value="{PackagedReproBuild.Feed}" />
              </packageSources>
            </configuration>
            """);

    public void WriteProject(string items, string properties = "") =>
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReproBuild" Version="{PackagedReproBuild.Version}" />
              </ItemGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public CommandResult Build(params string[] arguments) => DotNet.Run(Directory, ["build", .. arguments]);

    /// <summary>A build with environment variables of its own: a shared cache, remote credentials.</summary>
    public CommandResult Build(IReadOnlyDictionary<string, string?> environment, params string[] arguments) => DotNet.Run(Directory, ["build", .. arguments], environment);

    /// <summary>The same project files and data in a new folder: what a second clone or a colleague has.</summary>
    public UserProject CopyTo(string name)
    {
        var directory = Path.Combine(Path.GetDirectoryName(Directory)!, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Directory, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or ".reprobuild")
            {
                continue;
            }
            var target = Path.Combine(directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return new UserProject(directory, Name);
    }

    public CommandResult Run(params string[] arguments) => DotNet.Run(Directory, arguments);
}
