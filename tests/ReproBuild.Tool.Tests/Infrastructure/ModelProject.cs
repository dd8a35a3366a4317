using System.Globalization;
using System.Text;

namespace ReproBuild.Tool.Tests.Infrastructure;

/// <summary>
/// A small project with a binary and a regression model on generated data, in a temporary folder outside the
/// repository. It builds ReproBuild from this repository's source, as samples/ does: its Directory.Build.* import
/// samples/Directory.Build.*, which point the build files at the freshly built tasks and engine.
/// </summary>
internal sealed class ModelProject : IDisposable
{
    private readonly TempFolder _root = new("tool-tests");

    public ModelProject()
    {
        Directory = Path.Combine(Root, "Models");
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), $"<Project><Import Project=\"{Path.Combine(Repository.Root, "samples", "Directory.Build.props")}\" /></Project>");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), $"<Project><Import Project=\"{Path.Combine(Repository.Root, "samples", "Directory.Build.targets")}\" /></Project>");
        Write("data/patients.csv", Patients());
        Write("data/houses.csv", Houses());
        WriteProject(trees: 5);
    }

    public string Root => _root.Path;

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "Models.csproj");

    public string OutputDirectory => Path.Combine(Directory, "bin", Repository.Configuration, "net10.0");

    public void WriteProject(int trees) => Write("Models.csproj", $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Version>1.0.0</Version>
          </PropertyGroup>
          <ItemGroup>
            <Dataset Include="data/patients.csv" />
            <Dataset Include="data/houses.csv" />
            <Model Include="Risk" Dataset="patients" Task="BinaryClassification" LabelColumn="sick" PositiveLabel="yes"
                   Trainer="FastTree" Seed="1" Parameters="NumberOfTrees={trees};NumberOfLeaves=4;MinimumExampleCountPerLeaf=2" />
            <Model Include="Price" Dataset="houses" Task="Regression" LabelColumn="price"
                   Trainer="FastTree" Seed="1" Parameters="NumberOfTrees=5;NumberOfLeaves=4;MinimumExampleCountPerLeaf=2" />
          </ItemGroup>
        </Project>
        """);

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Current data for the Risk model: the training rows' inputs, with the numeric columns moved by <paramref name="shift"/>.</summary>
    public string WriteCurrentData(string name, double shift)
    {
        var text = new StringBuilder("age,weight,color\n");
        for (var i = 0; i < 160; i++)
        {
            var (a, b, color) = Row(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(a + shift)},{F(b + shift)},{color}\n");
        }
        return WriteCurrentFile(name, text.ToString());
    }

    /// <summary>A current data file outside the project, as a user's export would be.</summary>
    public string WriteCurrentFile(string name, string content)
    {
        var path = Path.Combine(Root, "current", name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Builds without building the repository's projects again (the test project already built them), with the
    /// model cache of its own that every command run in the project's folder gets (<see cref="Processes"/>): a model
    /// restored from a cache is not trained, and leaves no run record.
    /// </summary>
    public CommandResult Build() =>
        DotNet.Run(Directory, ["build", "-c", Repository.Configuration, "-p:BuildProjectReferences=false", "-nologo"]);

    /// <summary>Runs the freshly built tool, as `reprobuild ARGS` would, in the project's folder.</summary>
    public CommandResult Tool(params string[] arguments) =>
        DotNet.Run(Directory, ["exec", Repository.ToolAssembly, .. arguments]);

    public void Dispose() => _root.Dispose();

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static (double A, double B, string Color) Row(int i) =>
        (((i * 37) % 101) / 10.0, ((i * 53) % 97) / 10.0, (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" });

    // Mostly separable with some noise, so the curves are not trivial.
    private static string Patients()
    {
        var text = new StringBuilder("age,weight,color,sick\n");
        for (var i = 0; i < 160; i++)
        {
            var (a, b, color) = Row(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(a)},{F(b)},{color},{(a + b + (i % 7 == 0 ? 3 : 0) > 10 ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    private static string Houses()
    {
        var text = new StringBuilder("rooms,area,price\n");
        for (var i = 0; i < 160; i++)
        {
            var (a, b, _) = Row(i);
            text.Append(CultureInfo.InvariantCulture, $"{F(a)},{F(b)},{F(20 * a + 5 * b + (i % 11))}\n");
        }
        return text.ToString();
    }
}
