using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The same inputs give the same bytes: the sample, cloned into two directories and built from clean as CI
/// builds (locked mode: the committed lock file must hold), gives byte-identical models and assemblies — and the
/// model digests committed in its lock file, which verify mode reproduces by retraining.
/// </summary>
[TestClass]
public sealed class ReproducibilityTests
{
    [TestMethod]
    public void TwoClonesOfTheSampleBuildByteIdenticalModelsAndAssemblies()
    {
        var origin = Path.Combine(PackagedReproBuild.WorkRoot, "sample-origin");
        var sample = Path.Combine(PackagedReproBuild.RepositoryRoot, "samples", "Cancer");
        Directory.CreateDirectory(Path.Combine(origin, "data"));
        foreach (var file in new[] { "Cancer.csproj", "ModelsMarker.cs", "repro.lock.json" }.Concat(Directory.GetFiles(Path.Combine(sample, "data")).Select(f => Path.Combine("data", Path.GetFileName(f)))))
        {
            File.Copy(Path.Combine(sample, file), Path.Combine(origin, file));
        }
        // What a user of the package has where the repository's sample has its source wiring.
        File.WriteAllText(Path.Combine(origin, "Directory.Build.props"), $"""
            <Project>
              <ItemGroup>
                <PackageReference Include="ReproBuild" Version="{PackagedReproBuild.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(origin, "Directory.Build.targets"), "<Project />");
        UserProject.WriteUserSetup(origin);
        Git.Run(origin, "init", "-q");
        Git.Run(origin, "add", "-A");
        Git.Run(origin, "commit", "-qm", "sample");

        var clones = new[] { "clone-a", "nested/deeper/clone-b" }.Select(name => Path.Combine(PackagedReproBuild.WorkRoot, name)).ToArray();
        foreach (var clone in clones)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(clone)!);
            Git.Run(PackagedReproBuild.WorkRoot, "clone", "-q", origin, clone);
            DotNet.Run(clone, ["build", "-c", "Release", "-p:ContinuousIntegrationBuild=true"]).ShouldSucceed();
        }

        var outputs = new[] { "Cancer.dll", "models/Cancer.zip", "models/Iris.zip", "models/Diabetes.zip", "models/Cancer.provenance.json" };
        foreach (var output in outputs)
        {
            var a = File.ReadAllBytes(Path.Combine(clones[0], "bin", "Release", "net10.0", output));
            var b = File.ReadAllBytes(Path.Combine(clones[1], "bin", "Release", "net10.0", output));
            CollectionAssert.AreEqual(a, b, $"{output} differs between two clones built the same way.");
        }

        // Verify mode retrains every model with no cache in the way and must reproduce the committed digests.
        var verify = DotNet.Run(clones[1], ["build", "-c", "Release", "--no-restore", "-p:ContinuousIntegrationBuild=true", "-p:ReproBuildVerify=true"]).ShouldSucceed();
        foreach (var model in new[] { "Cancer", "Iris", "Diabetes" })
        {
            StringAssert.Contains(verify.Output, $"ReproBuild: verified {model}");
        }

        // The committed lock file records what this repository's sample trains to; the package under test must agree.
        using var committed = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample, "repro.lock.json")));
        foreach (var model in new[] { "Cancer", "Iris", "Diabetes" })
        {
            Assert.AreEqual(
                committed.RootElement.GetProperty("models").GetProperty(model).GetProperty("sha256").GetString(),
                BuildOutputsTests.Sha256(Path.Combine(clones[0], "bin", "Release", "net10.0", "models", $"{model}.zip")),
                $"Model {model} does not match the SHA-256 in samples/Cancer/repro.lock.json.");
        }
    }

    [TestMethod]
    public void TwoCopiesOutsideGitBuildByteIdenticalAssembliesAndModels()
    {
        var origin = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
                   Trainer="FastTree" Seed="5" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
            """);
        origin.WriteFile("data/customers.csv", TestData.Binary());
        // Source files, so that the PDB has source paths to map.
        origin.WriteFile("ModelsMarker.cs", "namespace Models;\n\npublic static class ModelsMarker\n{\n}\n");
        origin.Build().ShouldSucceed(); // the lock file a CI build checks against

        var copies = new[] { "outside-git-a", Path.Combine("outside-git", "nested", "deeper-b") }
            .Select(name => origin.CopyTo($"{Path.GetFileName(origin.Directory)}-{name}"))
            .ToArray();
        foreach (var copy in copies)
        {
            // Inside a git checkout SourceLink maps the folder already; this test is about folders that are not in one.
            for (var folder = new DirectoryInfo(copy.Directory); folder is not null; folder = folder.Parent)
            {
                Assert.IsFalse(Path.Exists(Path.Combine(folder.FullName, ".git")), $"{folder.FullName} holds a .git, so {copy.Directory} is inside a git checkout.");
            }
            DotNet.Run(copy.Directory, ["build", "-c", "Release", "-p:ContinuousIntegrationBuild=true"]).ShouldSucceed();
        }

        foreach (var output in new[] { "Models.dll", "models/Churn.zip", "models/Churn.provenance.json" })
        {
            CollectionAssert.AreEqual(
                File.ReadAllBytes(copies[0].Output(output, "Release")),
                File.ReadAllBytes(copies[1].Output(output, "Release")),
                $"{output} differs between two copies of the project built the same way outside git.");
        }
        var assembly = File.ReadAllText(copies[0].Output("Models.dll", "Release"), System.Text.Encoding.Latin1);
        Assert.IsFalse(assembly.Contains(copies[0].Directory, StringComparison.Ordinal), "The assembly holds the path of the folder it was built in.");
    }
}
