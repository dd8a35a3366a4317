using System.Globalization;
using System.Text;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Tests.Schema;
using ReproBuild.Protocol;
using ReproBuild.Runtime.Data;

namespace ReproBuild.Engine.Tests;

/// <summary>
/// One pass over the data: the table an inspection builds for the training that follows in the same engine process
/// is the table training would read from the file itself — the same columns, cells, missing values and lines — so
/// the model is the same bytes.
/// </summary>
[TestClass]
public sealed class InspectionTableTests : TempFolderTest
{
    private (DatasetSummary? Summary, string Output) Inspect(string file, bool keepTable, string? schemaFile = null)
    {
        var output = new StringWriter();
        var schema = schemaFile is null ? null : SchemaKit.LoadFile(schemaFile).Clean();
        var job = new DatasetJob("data", file, ',', true, Temp.File("summary.json"), SchemaFile: schemaFile, KeepTable: keepTable);
        return (DatasetInspector.Inspect(job, new DiagnosticWriter(output), schema, schemaFile is null ? null : "0"), output.ToString());
    }

    /// <summary>The table the inspection kept, and the one read from the file as training did before.</summary>
    private (Table Inspected, Table Read) Both(string file, string? schemaFile = null)
    {
        var (summary, output) = Inspect(file, keepTable: true, schemaFile);
        Assert.IsNotNull(summary, output);
        var inspected = InspectedTables.Take(file, summary.Sha256);
        Assert.IsNotNull(inspected, "The inspection kept no table.");
        var read = new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, summary, typesFrom: null);
        return (inspected, read);
    }

    private static void AssertSameTable(Table expected, Table actual)
    {
        Assert.AreEqual(expected.Sha256, actual.Sha256);
        CollectionAssert.AreEqual(expected.RowLines, actual.RowLines);
        CollectionAssert.AreEqual(expected.Columns.Select(c => (c.Name, c.Type.ToString())).ToArray(), actual.Columns.Select(c => (c.Name, c.Type.ToString())).ToArray());
        for (var i = 0; i < expected.Columns.Count; i++)
        {
            switch (expected.Columns[i], actual.Columns[i])
            {
                case (NumberColumn e, NumberColumn a):
                    // Bit for bit: NaN for a missing cell included.
                    CollectionAssert.AreEqual(e.Values.Select(BitConverter.SingleToInt32Bits).ToArray(), a.Values.Select(BitConverter.SingleToInt32Bits).ToArray(), e.Name);
                    break;
                case (TextColumn e, TextColumn a):
                    CollectionAssert.AreEqual(e.Values, a.Values, e.Name);
                    break;
                default:
                    Assert.Fail($"Column {expected.Columns[i].Name} is {expected.Columns[i].GetType().Name} read from the file but {actual.Columns[i].GetType().Name} from the inspection.");
                    break;
            }
        }
    }

    [TestMethod]
    public void WithoutASchemaTheTableIsTheOneReadFromTheFileBeforeAndAfterTheTypesAreDecided()
    {
        // More rows than the types are decided on, so that both the sample and the rows after it are in the table.
        var csv = new StringBuilder("x,count,city,note,label\n");
        for (var row = 0; row < DatasetInspector.InferenceRows + 500; row++)
        {
            var x = row % 17 == 0 ? "NA" : (row * 0.37 - 11).ToString("R", CultureInfo.InvariantCulture);
            var count = row % 23 == 0 ? "" : (row % 9).ToString(CultureInfo.InvariantCulture);
            var city = row % 11 == 0 ? "" : (row % 3) switch { 0 => "Oslo", 1 => "\"Rio, de Janeiro\"", _ => "Lima" };
            var note = row % 101 == 0 ? "\"two\nlines\"" : $"n{row % 5}";
            csv.Append(CultureInfo.InvariantCulture, $"{x},{count},{city},{note},{row % 2}\n");
            if (row % 250 == 0)
            {
                csv.Append('\n');
            }
        }
        var file = Temp.Write("data.csv", csv.ToString());

        var (inspected, read) = Both(file);

        Assert.AreEqual(DatasetInspector.InferenceRows + 500, read.RowCount);
        AssertSameTable(read, inspected);
    }

    [TestMethod]
    public void WithASchemaCellsAreReadThroughItsFieldsAsTrainingReadsThem()
    {
        var schema = Temp.Write("schema.json", """
            {
              "fields": [
                {"name": "price", "type": "number", "missingValues": ["-"]},
                {"name": "size", "type": "integer"},
                {"name": "kind", "type": "string"},
                {"name": "label", "type": "integer"}
              ],
              "missingValues": ["", "n/a"]
            }
            """);
        var file = Temp.Write("data.csv", "price,size,kind,label\n1.5,3,a,0\n-,4,n/a,1\n2.25,5,,0\n\n3,6,\"b\nc\",1\n");

        var (inspected, read) = Both(file, schema);

        Assert.AreEqual(4, read.RowCount);
        AssertSameTable(read, inspected);
    }

    [TestMethod]
    public void TrainingTakesTheInspectedTableOnceAndReadsTheFileWhenTheBytesAreOthers()
    {
        var file = Temp.Write("data.csv", "x,label\n1,0\n2,1\n");
        var (summary, output) = Inspect(file, keepTable: true);
        Assert.IsNotNull(summary, output);
        File.WriteAllText(file, "x,label\n5,0\n6,1\n"); // other bytes at the same path: the kept table is not theirs

        Assert.IsNull(InspectedTables.Take(file, "another digest"));
        var (changed, changedOutput) = Inspect(file, keepTable: false);
        Assert.IsNotNull(changed, changedOutput);
        var read = new DatasetCache(new DiagnosticWriter(TextWriter.Null)).Load(file, changed, typesFrom: null);

        CollectionAssert.AreEqual(new[] { 5f, 6f }, ((NumberColumn)read.Find("x")!).Values);
        Assert.IsNotNull(InspectedTables.Take(file, summary.Sha256), "The first inspection's table was not kept under its own digest.");
        Assert.IsNull(InspectedTables.Take(file, summary.Sha256), "A table was served twice.");
    }

    [TestMethod]
    public void NoTableIsKeptForAFileWithFindingsOrWhenTheBuildDoesNotTrainOnIt()
    {
        var invalid = Temp.Write("invalid.csv", "x,label\n1,0\n2\n");
        var (invalidSummary, _) = Inspect(invalid, keepTable: true);
        var valid = Temp.Write("valid.csv", "x,label\n1,0\n2,1\n");
        var (validSummary, output) = Inspect(valid, keepTable: false);

        Assert.IsNull(invalidSummary);
        Assert.IsNotNull(validSummary, output);
        Assert.IsNull(InspectedTables.Take(valid, validSummary.Sha256));
    }
}
