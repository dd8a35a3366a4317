using Microsoft.Build.Utilities;
using ReproBuild.Tasks.Code;

namespace ReproBuild.Tasks.Tests.Code;

/// <summary>Finding a custom pipeline's type in the referenced assemblies' metadata, and fingerprinting its folder.</summary>
[TestClass]
public sealed class PipelineReferencesTests
{
    private static readonly string ThisAssembly = typeof(PipelineReferencesTests).Assembly.Location;

    /// <summary>A type nested in this class, as reflection spells its name.</summary>
    public sealed class Nested
    {
    }

    private static ModelItem Model(string pipeline) =>
        new("Churn", "churn", null, Catalog.BinaryClassification, "label", null, [], [], pipeline, new(StringComparer.Ordinal), 0, 0.2, "1.0.0", true, pipeline);

    [TestMethod]
    public void TypeNamesAreReadWithTheirNamespaceAndNestedTypesWithAPlus()
    {
        var names = PipelineReferences.ReadTypeNames(ThisAssembly);

        Assert.Contains("ReproBuild.Tasks.Tests.Code.PipelineReferencesTests", names);
        Assert.Contains("ReproBuild.Tasks.Tests.Code.PipelineReferencesTests+Nested", names);
    }

    [TestMethod]
    public void TheDefiningAssemblyIsFoundAndItsFolderFingerprinted()
    {
        var engine = new RecordingBuildEngine();
        var problems = new ItemProblems(new TaskLoggingHelper(engine, "test"), "/work/App/App.csproj");
        var references = PipelineReferences.From([new TaskItem(typeof(ModelItem).Assembly.Location), new TaskItem(ThisAssembly)]);

        var found = references.Resolve(new TaskItem("Churn"), Model("ReproBuild.Tasks.Tests.Code.PipelineReferencesTests+Nested"), problems);

        Assert.IsNotNull(found, engine.Log);
        Assert.AreEqual(ThisAssembly, found.Value.Assembly);
        Assert.AreEqual("ReproBuild.Tasks.Tests", found.Value.Code.Assembly);
        Assert.AreEqual(CompiledCode.DigestOfFiles(PipelineReferences.LoadedFiles(ThisAssembly), CompiledCode.DigestOfFile), found.Value.Code.Sha256);
        Assert.AreNotEqual(CompiledCode.DigestOfFolder(Path.GetDirectoryName(ThisAssembly)!, CompiledCode.DigestOfFile), found.Value.Code.Sha256);
        Assert.IsEmpty(engine.Errors, engine.Log);
    }

    [TestMethod]
    public void ATypeNoReferencedAssemblyDefinesIsAnErrorThatNamesTheAssemblies()
    {
        var engine = new RecordingBuildEngine();
        var problems = new ItemProblems(new TaskLoggingHelper(engine, "test"), "/work/App/App.csproj");

        var found = PipelineReferences.From([new TaskItem(ThisAssembly)]).Resolve(new TaskItem("Churn"), Model("Acme.Missing"), problems);

        Assert.IsNull(found);
        var error = engine.Errors.Single();
        Assert.AreEqual("RB1019", error.Code);
        Assert.AreEqual("Model 'Churn' has Pipeline 'Acme.Missing', but no project this project references defines type 'Acme.Missing' (the referenced projects' assemblies are ReproBuild.Tasks.Tests.dll).", error.Message);
    }

    [TestMethod]
    public void TheLoadedFilesAreTheLibraryWhatItReferencesInItsFolderAndItsDepsFile()
    {
        var files = PipelineReferences.LoadedFiles(ThisAssembly).Select(f => f.Relative).ToArray();

        CollectionAssert.Contains(files, "ReproBuild.Tasks.Tests.dll");
        CollectionAssert.Contains(files, "ReproBuild.Tasks.Tests.deps.json");
        CollectionAssert.Contains(files, "ReproBuild.Tasks.dll", "a referenced assembly in the folder");
        CollectionAssert.Contains(files, "ReproBuild.TestUtilities.dll");
        CollectionAssert.DoesNotContain(files, "ReproBuild.Tasks.Tests.pdb");
        CollectionAssert.DoesNotContain(files, "testhost.dll", "a file the library does not reference");
        CollectionAssert.AreEqual(files.Order(StringComparer.Ordinal).ToArray(), files);
    }
}
