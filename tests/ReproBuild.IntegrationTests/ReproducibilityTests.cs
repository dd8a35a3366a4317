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
}
