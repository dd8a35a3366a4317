using ReproBuild.Tasks.Code;

namespace ReproBuild.Tasks.Tests.Code;

/// <summary>A stage's code digest: a real compiler, a real git commit, real edits.</summary>
[TestClass]
public sealed class CompiledCodeTests : TempFolderTest
{
    private const string Program = "class P\n{\n    static void Main() => System.Console.WriteLine(\"hello\");\n}\n";

    private string BuildAndDigest()
    {
        DotNet.Run(Temp.Path, ["build", "-c", "Release", "--nologo", "-v:q", "-p:OutDir=" + Temp.File("out") + "/"]).ShouldSucceed();
        return CompiledCode.DigestOfFolder(Temp.File("out"), CompiledCode.DigestOfFile);
    }

    private void Commit(string message)
    {
        Git.Run(Temp.Path, "add", "-A");
        Git.Run(Temp.Path, "commit", "-q", "-m", message);
    }

    [TestMethod]
    public void CommentsBlankLinesAndCommitsLeaveTheDigestAloneCodeChangesDoNot()
    {
        Temp.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        Temp.Write("Program.cs", Program);
        Git.Run(Temp.Path, "init", "-q");
        Commit("first");
        var first = BuildAndDigest();
        var firstAssembly = File.ReadAllBytes(Temp.File("out/App.dll"));

        // A comment that moves every line down, and a new commit: the PDB, the MVID and the informational version change.
        Temp.Write("Program.cs", "// The greeting.\n\n" + Program);
        Commit("a comment");
        var commented = BuildAndDigest();
        CollectionAssert.AreNotEqual(firstAssembly, File.ReadAllBytes(Temp.File("out/App.dll")), "the compiler did write a different assembly");
        Assert.AreEqual(first, commented, "the compiled code is the same");

        Temp.Write("Program.cs", Program.Replace("hello", "hello!", StringComparison.Ordinal));
        Assert.AreNotEqual(first, BuildAndDigest(), "a change to the code changes the digest");
    }

    [TestMethod]
    public void FilesBesideTheAssemblyCountButSymbolsDoNot()
    {
        var folder = Temp.File("program");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "app.runtimeconfig.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "app.pdb"), "symbols");
        var digest = CompiledCode.DigestOfFolder(folder, CompiledCode.DigestOfFile);

        File.WriteAllText(Path.Combine(folder, "app.pdb"), "other symbols");
        Assert.AreEqual(digest, CompiledCode.DigestOfFolder(folder, CompiledCode.DigestOfFile));

        File.WriteAllText(Path.Combine(folder, "app.runtimeconfig.json"), "{ \"x\": 1 }");
        Assert.AreNotEqual(digest, CompiledCode.DigestOfFolder(folder, CompiledCode.DigestOfFile));
    }
}
