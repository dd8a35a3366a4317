using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

/// <summary>Loading inspected datasets for training: the inspected types, physical lines, and the digest check.</summary>
[TestClass]
public sealed class DatasetCacheTests : TempFolderTest
{
    private (string File, DatasetSummary Summary) Inspected(string content, bool hasHeader = true, string name = "data.csv")
    {
        var file = Temp.Write(name, content);
        var output = new StringWriter();
        var summary = DatasetInspector.Inspect(new DatasetJob(Path.GetFileNameWithoutExtension(name), file, ',', hasHeader, Temp.File("summary.json")), new DiagnosticWriter(output));
        Assert.IsNotNull(summary, output.ToString());
        return (file, summary);
    }

    [TestMethod]
    public void ColumnsGetTheInspectedTypesAndMissingCellsBecomeNaNOrEmpty()
    {
        var (file, summary) = Inspected("x,name\n1.5,a\nNA,\n3,c\n");

        var table = new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, summary, typesFrom: null);

        var x = (NumberColumn)table.Find("x")!;
        Assert.AreEqual(1.5f, x.Values[0]);
        Assert.IsTrue(float.IsNaN(x.Values[1]));
        CollectionAssert.AreEqual(new[] { "a", "", "c" }, ((TextColumn)table.Find("name")!).Values);
        Assert.AreEqual(summary.Sha256, table.Sha256);
    }

    [TestMethod]
    public void RowsRememberThePhysicalLineTheyStartOn()
    {
        var (file, summary) = Inspected("id,note\n1,\"two\nlines\"\n2,plain\n3,\"three\n\nlines\"\n4,end\n");

        CollectionAssert.AreEqual(new[] { 2, 4, 5, 8 }, new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, summary, typesFrom: null).RowLines);
    }

    [TestMethod]
    public void WithoutHeaderTheFirstRowIsOnLineOne()
    {
        var (file, summary) = Inspected("1,2\n3,4\n5,6\n", hasHeader: false);

        var table = new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, summary, typesFrom: null);

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, table.RowLines);
        Assert.AreEqual("Column2", table.Columns[1].Name);
    }

    [TestMethod]
    public void FileChangedSinceInspectionIsRB3005()
    {
        var (file, summary) = Inspected("a,b\n1,2\n");
        File.WriteAllText(file, "a,b\n1,3\n");

        var error = Assert.ThrowsExactly<UserError>(() => new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, summary, typesFrom: null));

        Assert.AreEqual(ErrorCodes.DatasetChangedDuringBuild, error.Code);
        Assert.AreEqual(file, error.File);
    }

    [TestMethod]
    public void TextInAColumnThatWasNumericInTheTrainingDataIsRB2006AtItsCell()
    {
        var (_, train) = Inspected("x,y\n1,2\n3,4\n", name: "train.csv");
        var (testFile, test) = Inspected("x,y\n1,2\nabc,4\ndef,6\n", name: "test.csv");
        Assert.AreEqual(ColumnSummary.Text, test.Columns[0].Type, "on its own the test file's x column is text");

        var error = Assert.ThrowsExactly<UserError>(() => new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(testFile, test, typesFrom: train.Columns));

        Assert.AreEqual(ErrorCodes.ColumnTypeMismatch, error.Code);
        Assert.AreEqual((testFile, 3, 1), (error.File, error.Line, error.Column));
    }
}
