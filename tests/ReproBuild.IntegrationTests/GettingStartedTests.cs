using System.Text;
using System.Text.RegularExpressions;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// docs/getting-started.md is executed, so that it cannot drift from what the packages do. Every line of its fenced
/// <c>```bash</c> blocks is a command; they run in order, in one bash session (a <c>cd</c> carries on), in a new
/// folder, against the packages of this run. What the test sets up is what the document asks the reader to have:
/// <c>REPROBUILD_PACKAGES</c> (the folder with the packages: this run's feed), a .NET CLI home of its own (so
/// <c>dotnet new install</c> leaves the user's ~/.templateengine alone) and a git identity; and it puts this run's
/// package version where the document installs <c>ReproBuild.Templates::0.1.0</c> and <c>ReproBuild.Tool --version 0.1.0</c>. No
/// command is skipped.
/// <para>
/// A command succeeds unless it ends in a comment <c># expect: fails</c>. <c># expect: prints TEXT</c> requires
/// TEXT in its output (standard output and error). Both can be given, separated by <c>;</c>:
/// <c>dotnet test  # expect: fails; prints below the minimum</c>.
/// </para>
/// </summary>
[TestClass]
public sealed class GettingStartedTests
{
    private const string DocumentedTemplates = "ReproBuild.Templates::0.1.0";

    private const string DocumentedTool = "ReproBuild.Tool --version 0.1.0";

    [TestMethod]
    public void EveryCommandOfTheWalkthroughDoesWhatItSays()
    {
        var markdown = File.ReadAllText(Path.Combine(PackagedReproBuild.RepositoryRoot, "docs", "getting-started.md"));
        StringAssert.Contains(markdown, DocumentedTemplates, "the walkthrough installs the templates at the documented version");
        StringAssert.Contains(markdown, DocumentedTool, "the walkthrough installs the tool at the documented version");
        var commands = WalkthroughCommand.Parse(markdown
            .Replace(DocumentedTemplates, $"ReproBuild.Templates::{PackagedReproBuild.Version}", StringComparison.Ordinal)
            .Replace(DocumentedTool, $"ReproBuild.Tool --version {PackagedReproBuild.Version}", StringComparison.Ordinal));
        Assert.IsGreaterThan(10, commands.Count, "the walkthrough's commands were found");

        var folder = PackagedReproBuild.NewFolder(nameof(GettingStartedTests));
        var script = Path.Combine(folder, "walkthrough.sh");
        File.WriteAllText(script, WalkthroughCommand.Script(commands, Path.Combine(folder, "outputs")));
        var reader = Path.Combine(folder, "reader");
        Directory.CreateDirectory(reader);

        var result = Processes.Run("bash", reader, [script], new Dictionary<string, string?>
        {
            ["REPROBUILD_PACKAGES"] = PackagedReproBuild.Feed,
            ["DOTNET_CLI_HOME"] = Path.Combine(folder, "home"),
            ["GIT_AUTHOR_NAME"] = "reader",
            ["GIT_AUTHOR_EMAIL"] = "reader@example.com",
            ["GIT_COMMITTER_NAME"] = "reader",
            ["GIT_COMMITTER_EMAIL"] = "reader@example.com",
        }, timeout: TimeSpan.FromMinutes(10));

        result.ShouldSucceed();
        StringAssert.Contains(result.Output, $"walkthrough: all {commands.Count} commands did what the document says");
    }

    /// <summary>One command of the walkthrough and what the document expects of it.</summary>
    private sealed record WalkthroughCommand(string Text, bool Fails, IReadOnlyList<string> Prints)
    {
        private static readonly Regex BashBlock = new(@"^```bash\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

        public static IReadOnlyList<WalkthroughCommand> Parse(string markdown) =>
            BashBlock.Matches(markdown.Replace("\r\n", "\n", StringComparison.Ordinal))
                .SelectMany(block => block.Groups[1].Value.Split('\n'))
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(FromLine)
                .ToArray();

        private static WalkthroughCommand FromLine(string line)
        {
            var marker = line.IndexOf("# expect:", StringComparison.Ordinal);
            if (marker < 0)
            {
                return new WalkthroughCommand(line, Fails: false, Prints: []);
            }
            var clauses = line[(marker + "# expect:".Length)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var clause in clauses.Where(c => c != "fails" && !c.StartsWith("prints ", StringComparison.Ordinal)))
            {
                Assert.Fail($"'{clause}' in '{line}' is neither 'fails' nor 'prints TEXT'.");
            }
            return new WalkthroughCommand(
                line[..marker].TrimEnd(),
                Fails: clauses.Contains("fails"),
                Prints: clauses.Where(c => c.StartsWith("prints ", StringComparison.Ordinal)).Select(c => c["prints ".Length..]).ToArray());
        }

        /// <summary>
        /// A bash script that runs the commands in one session, each one's output kept in a file of
        /// <paramref name="outputs"/> and echoed, and stops at the first command that does not do what the document says.
        /// </summary>
        public static string Script(IReadOnlyList<WalkthroughCommand> commands, string outputs)
        {
            var script = new StringBuilder($"mkdir -p {Quote(outputs)}\n");
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[i];
                var output = Quote(Path.Combine(outputs, $"{i + 1}.txt"));
                var step = Quote($"walkthrough step {i + 1}, `{command.Text}`");
                script.Append($"echo {Quote("$ " + command.Text)}\n");
                script.Append($"{{ {command.Text}\n}} > {output} 2>&1 < /dev/null\n");
                script.Append($"status=$?\ncat {output}\n");
                script.Append(command.Fails
                    ? $"if [ $status -eq 0 ]; then echo {step}: succeeded, but the document says it fails; exit 1; fi\n"
                    : $"if [ $status -ne 0 ]; then echo {step}: failed with exit code $status; exit 1; fi\n");
                foreach (var text in command.Prints)
                {
                    script.Append($"grep -qF -- {Quote(text)} {output} || {{ echo {step}: did not print {Quote(text)}; exit 1; }}\n");
                }
            }
            script.Append($"echo 'walkthrough: all {commands.Count} commands did what the document says'\n");
            return script.ToString();
        }

        private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
