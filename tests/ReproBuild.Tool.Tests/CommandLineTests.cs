namespace ReproBuild.Tool.Tests;

/// <summary>The command line itself, in-process: help, option checking, exit codes and error messages without stack traces.</summary>
[TestClass]
public sealed class CommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ToolCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    [DataRow("status", "--configuration")]
    [DataRow("runs", "--model")]
    [DataRow("diff", "--md")]
    [DataRow("verify", "ASSEMBLY|MODEL.zip")]
    [DataRow("report", "--output")]
    [DataRow("drift", "--max-drift-share")]
    public void EveryCommandHasHelp(string command, string mentions)
    {
        var (code, output, _) = Run(command, "--help");

        Assert.AreEqual(0, code);
        StringAssert.Contains(output, mentions);
        StringAssert.Contains(output, "--verbosity", "the verbosity option applies to every command");
    }

    [TestMethod]
    public void TheRootHelpListsTheCommands()
    {
        var (code, output, _) = Run("--help");

        Assert.AreEqual(0, code);
        foreach (var command in new[] { "status", "runs", "diff", "verify", "report", "drift" })
        {
            StringAssert.Contains(output, command);
        }
    }

    [TestMethod]
    public void ABadVerbosityIsAParseError()
    {
        var (code, _, error) = Run("runs", "-v", "loud");

        Assert.AreNotEqual(0, code);
        StringAssert.Contains(error, "loud");
    }

    [TestMethod]
    public void AParseErrorIsExitCodeTwoNotTheAnswerNo()
    {
        // 1 means "stale" or "drift": a command line that does not parse must not be read as an answer.
        var (code, _, error) = Run("drift", "Models.csproj", "Risk", "current.csv", "extra.csv");

        Assert.AreEqual(ExitCodes.Error, code);
        StringAssert.Contains(error, "extra.csv");
        Assert.AreEqual(ExitCodes.Error, Run("drift", "Risk").ExitCode, "MODEL and FILE are required");
    }

    [TestMethod]
    public void UserErrorsAreOneMessageAndExitCodeTwo()
    {
        using var temp = new TempFolder();

        var (code, _, error) = Run("status", temp.Path);

        Assert.AreEqual(ExitCodes.Error, code);
        StringAssert.StartsWith(error, $"error: No project file in '{temp.Path}'");
        Assert.IsFalse(error.Contains("   at ", StringComparison.Ordinal), "no stack trace");

        var verify = Run("verify", temp.File("Missing.dll"));
        Assert.AreEqual(ExitCodes.Error, verify.ExitCode);
        StringAssert.Contains(verify.Error, temp.File("Missing.dll"));
    }

    [TestMethod]
    public void JsonAndMarkdownTogetherAreRefused()
    {
        var (code, _, error) = Run("diff", "--json", "--md");

        Assert.AreEqual(ExitCodes.Error, code);
        StringAssert.Contains(error, "give one of them");
    }
}
