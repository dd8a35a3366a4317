using ReproBuild.Engine.Commands;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// Many datasets in one request are inspected side by side, and what the build shows is the same as one after another:
/// each dataset's diagnostics together, in the request's order, each summary only for a dataset without findings.
/// </summary>
[TestClass]
public sealed class InspectCommandTests : TempFolderTest
{
    /// <summary>Datasets 1, 4, 7, … have a row with a missing field; the rest are clean.</summary>
    private List<DatasetJob> Jobs(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var rows = string.Concat(Enumerable.Range(0, 200).Select(r => $"{r},{(r + i) % 2}\n"));
            var file = Temp.Write($"d{i:00}.csv", "x,label\n" + rows + (i % 3 == 1 ? "7\n8\n" : ""));
            return new DatasetJob($"d{i:00}", file, ',', true, Temp.File($"d{i:00}.summary.json"));
        })];

    private static string[] Lines(StringWriter output) => output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [TestMethod]
    public void DiagnosticsComeInTheRequestsOrderWhateverFinishesFirst()
    {
        var jobs = Jobs(12);
        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);

        InspectCommand.Run(new InspectRequest(Temp.File("App.csproj"), Temp.File("engine.log"), jobs), diagnostics);

        var bad = jobs.Where((_, i) => i % 3 == 1).ToList();
        Assert.AreEqual(bad.Count * 2, diagnostics.ErrorCount, string.Join('\n', Lines(output)));
        var files = Lines(output).Select(line => jobs.FindIndex(job => line.StartsWith(job.DataFile + "(", StringComparison.Ordinal))).ToList();
        CollectionAssert.DoesNotContain(files, -1, string.Join('\n', Lines(output)));
        CollectionAssert.AreEqual(files.Order().ToList(), files, $"Diagnostics out of the request's order:\n{output}");
        CollectionAssert.AreEqual(bad.SelectMany(job => new[] { $"{job.DataFile}(202,2)", $"{job.DataFile}(203,2)" }).ToList(),
            Lines(output).Select(line => line[..line.IndexOf(' ', StringComparison.Ordinal)]).ToList());
        foreach (var (job, i) in jobs.Select((job, i) => (job, i)))
        {
            Assert.AreEqual(i % 3 != 1, File.Exists(job.SummaryFile), job.Name);
        }
    }

    [TestMethod]
    public void AFailureIsRaisedAsItselfAfterWhatCameBeforeIt()
    {
        var jobs = Jobs(8);
        // A folder where the data file should be: reading it fails, not as a finding in the data.
        var folder = Directory.CreateDirectory(Temp.File("d05-folder.csv")).FullName;
        jobs[5] = jobs[5] with { DataFile = folder };
        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);

        var failure = Assert.ThrowsExactly<UnauthorizedAccessException>(() => InspectCommand.Run(new InspectRequest(Temp.File("App.csproj"), Temp.File("engine.log"), jobs), diagnostics));

        StringAssert.Contains(failure.Message, "d05-folder.csv");
        CollectionAssert.AreEqual(new[] { jobs[1].DataFile, jobs[1].DataFile, jobs[4].DataFile, jobs[4].DataFile },
            Lines(output).Select(line => line[..line.IndexOf('(', StringComparison.Ordinal)]).ToArray(), "Only what the datasets before the failure reported.");
    }
}
