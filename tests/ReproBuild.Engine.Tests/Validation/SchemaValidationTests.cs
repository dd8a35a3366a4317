using System.Text;
using ReproBuild.Engine.Data;
using ReproBuild.Engine.Diagnostics;
using ReproBuild.Engine.Validation;
using ReproBuild.Protocol;

namespace ReproBuild.Engine.Tests.Validation;

/// <summary>
/// Inspection with a Table Schema: how the header meets the fields (fieldsMatch), what needs the whole column
/// (required, unique) or the whole row (primaryKey, uniqueKeys), the profile, and bytes that are not UTF-8.
/// </summary>
[TestClass]
public sealed class SchemaValidationTests : TempFolderTest
{
    private (DatasetSummary? Summary, string[] Errors, string File) Inspect(string csv, string schemaJson)
    {
        var file = Temp.Write("data.csv", csv);
        var schemaFile = Temp.Write("data.schema.json", schemaJson);
        var output = new StringWriter();
        var diagnostics = new DiagnosticWriter(output);
        var schema = SchemaLoading.Load(schemaFile, null, diagnostics);
        Assert.IsNotNull(schema, output.ToString());
        var summary = DatasetInspector.Inspect(new DatasetJob("data", file, ',', true, Temp.File("summary.json"), schemaFile, null, Temp.File("report.json")), diagnostics, schema, "abc");
        var errors = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();
        return (summary, errors, file);
    }

    private static string Fields(string fieldsMatch, params string[] names) =>
        $$"""{ "fieldsMatch": "{{fieldsMatch}}", "fields": [{{string.Join(", ", names.Select(n => $$"""{ "name": "{{n}}", "type": "integer" }"""))}}] }""";

    [TestMethod]
    [DataRow("exact", "a,b", "a,b", 0)]
    [DataRow("exact", "b,a", "a,b", 2)]
    [DataRow("exact", "a,b,c", "a,b", 1)]
    [DataRow("exact", "a", "a,b", 1)]
    [DataRow("equal", "b,a", "a,b", 0)]
    [DataRow("equal", "a,c", "a,b", 2)]
    [DataRow("subset", "b,a,c", "a,b", 0)]
    [DataRow("subset", "a", "a,b", 1)]
    [DataRow("superset", "a", "a,b", 0)]
    [DataRow("superset", "a,c", "a,b", 1)]
    [DataRow("partial", "c,a", "a,b", 0)]
    [DataRow("partial", "c,d", "a,b", 1)]
    public void FieldsMatchDecidesWhichHeadersAreAccepted(string mode, string header, string fields, int errors)
    {
        var values = string.Join(",", header.Split(',').Select((_, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var result = Inspect($"{header}\n{values}\n", Fields(mode, fields.Split(',')));

        Assert.HasCount(errors, result.Errors, string.Join("\n", result.Errors));
        Assert.IsTrue(result.Errors.All(e => e.Contains("(1,", StringComparison.Ordinal) && e.Contains("error RB2019:", StringComparison.Ordinal)), string.Join("\n", result.Errors));
        Assert.AreEqual(errors == 0, result.Summary is not null);
    }

    [TestMethod]
    public void ByNameTheSchemaFieldChecksItsColumnWhereverItStandsAndExtraColumnsAreText()
    {
        var result = Inspect("note,a\nhello,1\nworld,x\n", Fields("subset", "a"));

        var error = result.Errors.Single();
        StringAssert.StartsWith(error, $"{result.File}(3,2) : error RB2010:");

        var valid = Inspect("note,a\nhello,1\nworld,2\n", Fields("subset", "a"));
        CollectionAssert.AreEqual(new[] { "note:text", "a:number" }, valid.Summary!.Columns.Select(c => $"{c.Name}:{c.Type}").ToArray());
    }

    [TestMethod]
    public void RequiredAndUniqueAreCheckedAcrossTheColumn()
    {
        var schema = """{ "fields": [ { "name": "id", "type": "integer", "constraints": { "unique": true } }, { "name": "v", "type": "number", "constraints": { "required": true } } ] }""";

        var result = Inspect("id,v\n1,0.5\n2,\n1,1.5\n01,2\n", schema);

        CollectionAssert.AreEquivalent(
            new[] { $"{result.File}(3,2) : error RB2011", $"{result.File}(4,1) : error RB2012", $"{result.File}(5,1) : error RB2012" },
            result.Errors.Select(e => e[..(e.IndexOf(" : error ", StringComparison.Ordinal) + 15)]).ToArray(),
            string.Join("\n", result.Errors));
        StringAssert.Contains(result.Errors.Single(e => e.Contains("(4,1)", StringComparison.Ordinal)), "it is also on line 2");
    }

    [TestMethod]
    public void PrimaryKeyPartsMustBePresentAndTheCombinationUnique()
    {
        var schema = """{ "fields": [ { "name": "a", "type": "string" }, { "name": "b", "type": "integer" }, { "name": "c", "type": "string" } ], "primaryKey": ["a", "b"], "uniqueKeys": [["c"]] }""";

        var result = Inspect("a,b,c\nx,1,p\nx,2,q\nx,1,r\ny,,s\nz,3,q\nw,4,\nv,5,\n", schema);

        CollectionAssert.AreEqual(
            new[]
            {
                $"{result.File}(4,1) : error RB2017: primary key (a, b) value (x, 1) is not unique: it is also on line 2.",
                $"{result.File}(5,2) : error RB2011: field 'b' is required, but this row has no value.",
                $"{result.File}(6,3) : error RB2018: unique key (c) value (q) is not unique: it is also on line 3.",
            },
            result.Errors,
            "a missing primary-key part is reported once, as required; rows missing a unique-key part are not compared");
    }

    [TestMethod]
    public void TheProfileCountsValuesMissingDistinctAndDescribesNumbers()
    {
        var result = Inspect("x,label\n1,a\n2,b\n,a\n4,a\n", """{ "fields": [ { "name": "x", "type": "number" }, { "name": "label", "type": "string" } ] }""");

        var x = result.Summary!.Columns[0].Profile!;
        Assert.AreEqual((3L, 1L, 3L), (x.Values, x.Missing, x.Distinct));
        Assert.AreEqual((1.0, 4.0), (x.Minimum!.Value, x.Maximum!.Value));
        Assert.AreEqual(7.0 / 3, x.Mean!.Value, 1e-9);
        Assert.AreEqual(3, x.Histogram!.Sum());
        var label = result.Summary.Columns[1].Profile!;
        Assert.AreEqual((4L, 2L), (label.Values, label.Distinct));
        Assert.IsNull(label.Mean);
    }

    [TestMethod]
    public void BytesThatAreNotUtf8AreAnErrorAtTheirRowAndField()
    {
        var file = Temp.WriteBytes("data.csv", [.. Encoding.ASCII.GetBytes("a,b\n1,ok\n2,caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n3,fine\n")]);
        var output = new StringWriter();

        var summary = DatasetInspector.Inspect(new DatasetJob("data", file, ',', true, Temp.File("summary.json")), new DiagnosticWriter(output));

        Assert.IsNull(summary);
        StringAssert.StartsWith(output.ToString().Trim(), $"{file}(3,2) : error RB2007: this row holds bytes that are not valid UTF-8");
    }

    /// <summary>A NUL after the digits is a type error at its cell, in every numeric type, and the message shows it escaped, as is a header's.</summary>
    [TestMethod]
    public void ControlCharactersInNumbersAreTypeErrorsShownEscaped()
    {
        var schema = """{ "fields": [ { "name": "n", "type": "number" }, { "name": "i", "type": "integer" }, { "name": "b", "type": "number", "bareNumber": false } ] }""";

        var result = Inspect("n,i,b\n1.5,2,3 €\n7\0\0,7\0\0,7\0\0 €\n", schema);

        CollectionAssert.AreEqual(
            new[]
            {
                $@"{result.File}(3,1) : error RB2010: field 'n' value '7\0\0' is not a valid number.",
                $@"{result.File}(3,2) : error RB2010: field 'i' value '7\0\0' is not a valid integer.",
                $@"{result.File}(3,3) : error RB2010: field 'b' value '7\0\0 €' is not a valid number (bareNumber false).",
            },
            result.Errors);
        var header = Inspect("n,n\u0007\n1,2\n", """{ "fields": [ { "name": "n", "type": "number" } ] }""");
        CollectionAssert.AreEqual(new[] { $@"{header.File}(1,2) : error RB2019: column 2 'n\u0007' is not in the schema, which has 1 fields." }, header.Errors);
    }

    [TestMethod]
    public void AReplacementCharacterWrittenAsValidUtf8IsJustText()
    {
        var file = Temp.Write("data.csv", "a,b\n1,\uFFFD\n");
        var output = new StringWriter();

        Assert.IsNotNull(DatasetInspector.Inspect(new DatasetJob("data", file, ',', true, Temp.File("summary.json")), new DiagnosticWriter(output)), output.ToString());
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void SharingColumnsAmongThreadsChangesNothingAUserSees(bool withSchema)
    {
        var random = new Random(5);
        var csv = new StringBuilder("id,a,b,c,d,label\n");
        for (var row = 0; row < 12_000; row++)
        {
            var a = row % 997 == 3 ? "oops" : (random.NextDouble() * 10).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            var b = row % 1499 == 7 ? "-4" : random.Next(0, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var id = row % 2503 == 11 ? "5" : row.ToString(System.Globalization.CultureInfo.InvariantCulture);
            csv.Append(row % 4001 == 9 ? $"{id},{a},{b}\n" : $"{id},{a},{b},{random.Next(3)},x{row % 7},{(row % 2 == 0 ? "yes" : "no")}\n");
        }
        var file = Temp.Write("data.csv", csv.ToString());
        var schemaFile = Temp.Write("data.schema.json", """
            { "fields": [ { "name": "id", "type": "integer" }, { "name": "a", "type": "number" }, { "name": "b", "type": "integer", "constraints": { "minimum": 0 } },
                          { "name": "c", "type": "integer" }, { "name": "d", "type": "string", "constraints": { "pattern": "x[0-6]" } }, { "name": "label", "type": "string" } ],
              "primaryKey": "id" }
            """);

        (string Output, string? Summary) Run(int threads)
        {
            var output = new StringWriter();
            var diagnostics = new DiagnosticWriter(output);
            var schema = withSchema ? SchemaLoading.Load(schemaFile, null, diagnostics) : null;
            var report = Temp.File($"report-{threads}.json");
            var summary = DatasetInspector.Inspect(new DatasetJob("data", file, ',', true, Temp.File("summary.json"), withSchema ? schemaFile : null, null, report), diagnostics, schema, null, threads);
            return (output + File.ReadAllText(report), summary is null ? null : ReproJson.Serialize(summary));
        }

        var one = Run(1);
        var three = Run(3);

        StringAssert.Contains(one.Output, "error RB20", "the file is meant to have findings");
        Assert.AreEqual(one.Output, three.Output);
        Assert.AreEqual(one.Summary, three.Summary);
    }
}
